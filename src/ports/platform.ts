import type { Reply } from './reply.js';

/** Kinds of message the bot sends; the kind decides quiet hours, staleness and consent checks. */
export type MessageKind =
  | 'reply' | 'prompt' | 'reminder' | 'alert' | 'celebration' | 'summary' | 'sos' | 'link' | 'group';

export interface Destination {
  /** Platform-prefixed: an account id for a direct message (`telegram:42`) or a group chat id. */
  chatId: string;
  kind: 'dm' | 'group';
}

export interface OutboundMessage {
  /** Stable per message: a platform that supports it (Discord's nonce) uses it to drop a resend. */
  key: string;
  to: Destination;
  kind: MessageKind;
  reply: Reply;
}

/** What a send did. Only `sent` is final success; the dispatcher decides what each failure means. */
export type SendResult =
  | { ok: true; platformMessageId?: string }
  | { ok: false; error: 'rate_limited'; retryAfterMs: number }
  | { ok: false; error: 'unreachable'; reason: string }
  | { ok: false; error: 'transient'; reason: string };

export interface RateLimits {
  /** Messages per second across the whole bot. */
  perSecond: number;
  /** Messages per second into one chat. */
  perChatPerSecond: number;
  /** Messages per minute into one group, where the platform limits groups more tightly. */
  perGroupPerMinute?: number;
}

/**
 * The outbound side of a platform, fewer than ten members. The core speaks to a chat by
 * its stored id and never holds a platform object; optional members are capabilities.
 */
export interface PlatformPort {
  readonly platform: string;
  readonly limits: RateLimits;
  send(message: OutboundMessage): Promise<SendResult>;
}
