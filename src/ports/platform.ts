import type { AccountId } from '../domain/person.js';
import type { MessageKind } from '../domain/message-topic.js';
import type { Reply } from './reply.js';

export type { MessageKind } from '../domain/message-topic.js';

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
  /**
   * A message this one replaces in place (the guided form whose button was pressed). Only set
   * for ports that edit messages; when the edit is impossible the port sends a new message.
   */
  replaces?: string;
}

/** What a send did. Only `ok` is final success; the dispatcher decides what each failure means. */
export type SendResult =
  | { ok: true; platformMessageId?: string }
  | { ok: false; error: 'rate_limited'; retryAfterMs: number }
  | { ok: false; error: 'unreachable'; reason: string }
  | { ok: false; error: 'transient'; reason: string }
  /**
   * The platform refused this message for good (a 4xx other than 429: a picture it will not
   * take, a method a server lacks). Sending it again will not help. `attachment`: the refused
   * part carried the picture or file, so the text may still go without it; `textDelivered`:
   * the words had already arrived in messages of their own (a text too long for a caption).
   */
  | { ok: false; error: 'refused'; reason: string; attachment: boolean; textDelivered?: boolean }
  /** The group now lives under another chat id (Telegram's upgrade to a supergroup): move it and send there. */
  | { ok: false; error: 'moved'; newChatId: string };

export interface RateLimits {
  /** Messages per second across the whole bot. */
  perSecond: number;
  /** Messages per second into one chat. */
  perChatPerSecond: number;
  /** Messages per minute into one group, where the platform limits groups more tightly. */
  perGroupPerMinute?: number;
}

/**
 * A platform, as the core sees it: where to send, how fast, and what it can do. The core
 * speaks to a chat by its stored id and never holds a platform object. Optional members are
 * capabilities the core asks about; a missing one means the platform cannot.
 */
export interface PlatformPort {
  readonly platform: string;
  readonly limits: RateLimits;
  send(message: OutboundMessage): Promise<SendResult>;
  /**
   * Answers to what a person sends are given inline, as the answer to that event (a Discord
   * interaction, the console), rather than as ordinary messages through the outbox.
   */
  readonly answersInline?: boolean;
  /** Can show an inline answer in a group to its sender alone (Discord's ephemeral replies). */
  readonly ephemeral?: boolean;
  /** Can change a sent message in place (`OutboundMessage.replaces`, or an inline update). */
  readonly editsMessages?: boolean;
  /** Reads no typed messages, so a question asking for typed text opens a form instead (Discord modals). */
  readonly asksWithForms?: boolean;
  /** Asks the platform whether an account may manage a group chat (Telegram getChatMember). */
  checkGroupAdmin?(chatId: string, account: AccountId): Promise<boolean>;
  /**
   * A link that opens a private chat with the bot and starts it with `payload` (letters, digits,
   * `-`; Telegram's `https://t.me/<bot>?start=…`); null while the platform cannot make one.
   */
  startLink?(payload: string): Promise<string | null>;
}
