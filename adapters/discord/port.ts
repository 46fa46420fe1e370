import { createHash } from 'node:crypto';
import { DiscordAPIError, HTTPError, RateLimitError, REST, Routes } from 'discord.js';
import { restOptions, type DiscordConfig } from './config.js';
import { discordIdOf } from './ids.js';
import { NO_MENTIONS, renderReply } from './render.js';
import type { Destination, OutboundMessage, PlatformPort, SendResult } from '../../src/index.js';

/** Discord errors that mean "this chat cannot receive from us", which retrying will not change. */
const UNREACHABLE = new Map<number, string>([
  [50007, 'cannot send messages to this user'],
  [10003, 'unknown channel'],
  [10013, 'unknown user'],
  [50001, 'missing access'],
  [50013, 'missing permissions'],
]);

/** The nonce Discord uses to drop a resend: at most 25 characters, the same for the same outbox message. */
export function nonceOf(key: string, part = 0): string {
  return createHash('sha256').update(part === 0 ? key : `${key}#${part}`).digest('base64url').slice(0, 25);
}

/**
 * Sends the outbox's messages. It has its own REST client that never waits out a 429 or
 * retries a 5xx itself: the dispatcher owns retries, pacing and what a failure means.
 */
export class DiscordPort implements PlatformPort {
  readonly platform = 'discord';
  readonly limits = { perSecond: 45, perChatPerSecond: 5 };
  private readonly rest: REST;
  /** Answers interactions inline: an ephemeral reply for what only the sender should see, updates for pressed forms, modals for typed text. */
  readonly answersInline = true;
  readonly ephemeral = true;
  readonly editsMessages = true;
  readonly asksWithForms = true;
  /** user id → DM channel id, learnt from this port's own sends (opening a DM is one more request). */
  private readonly dmChannels = new Map<string, string>();

  constructor(config: DiscordConfig, rest?: REST) {
    this.rest = rest ?? new REST({ ...restOptions(config), retries: 0, rejectOnRateLimit: () => true, timeout: 15_000 })
      .setToken(config.token);
  }

  async send(m: OutboundMessage): Promise<SendResult> {
    const target = discordIdOf(m.to.chatId);
    if (!target) return { ok: false, error: 'unreachable', reason: 'not a Discord chat id' };
    /** The request under way carries the attachment. */
    let withFiles = false;
    try {
      const channelId = m.to.kind === 'dm' ? await this.dmChannel(target) : target;
      let firstId: string | undefined;
      for (const [part, msg] of renderReply(m.reply).entries()) {
        withFiles = msg.files.length > 0;
        const body = {
          content: msg.content,
          components: msg.components,
          allowed_mentions: NO_MENTIONS,
          nonce: nonceOf(m.key, part),
          enforce_nonce: true,
          ...(msg.files.length > 0 ? { attachments: msg.files.map((f, id) => ({ id, filename: f.name, description: f.description })) } : {}),
        };
        const files = msg.files.map((f) => ({ name: f.name, data: f.data, contentType: f.contentType }));
        const sent = await this.rest.post(Routes.channelMessages(channelId), { body, files }) as { id: string };
        firstId ??= sent.id;
      }
      return { ok: true, platformMessageId: firstId };
    } catch (e) {
      return this.failure(e, m.to, target, withFiles);
    }
  }

  private async dmChannel(userId: string): Promise<string> {
    const known = this.dmChannels.get(userId);
    if (known) return known;
    const channel = await this.rest.post(Routes.userChannels(), { body: { recipient_id: userId } }) as { id: string };
    this.dmChannels.set(userId, channel.id);
    return channel.id;
  }

  /**
   * 429 waits as Discord asks; a chat we cannot reach is unreachable; any other 4xx is refused
   * for good (retrying cannot change it), and a refusal of the upload carrying the attachment
   * says so, so its text can go without it. Only 5xx and network errors are retried.
   */
  private failure(e: unknown, to: Destination, target: string, withFiles: boolean): SendResult {
    if (e instanceof RateLimitError) {
      return { ok: false, error: 'rate_limited', retryAfterMs: Math.max(e.retryAfter, e.timeToReset, 0) || 1_000 };
    }
    if (e instanceof DiscordAPIError) {
      const code = typeof e.code === 'number' ? e.code : Number(e.code);
      // A cached DM channel that is gone is forgotten; the next attempt opens a new one.
      if (code === 10003 && to.kind === 'dm' && this.dmChannels.delete(target)) {
        return { ok: false, error: 'transient', reason: 'DM channel gone; reopening' };
      }
      // Without the Attach Files permission, the text alone may still be allowed: try it before calling the chat unreachable.
      if (withFiles && code === 50013) return { ok: false, error: 'refused', reason: `discord ${code}: missing permissions for the attachment`, attachment: true };
      const why = UNREACHABLE.get(code);
      if (why) return { ok: false, error: 'unreachable', reason: `discord ${code}: ${why}` };
      if (e.status >= 400 && e.status < 500) return { ok: false, error: 'refused', reason: `discord HTTP ${e.status} code ${code}`, attachment: withFiles };
      return { ok: false, error: 'transient', reason: `discord HTTP ${e.status} code ${code}` };
    }
    if (e instanceof HTTPError) return { ok: false, error: 'transient', reason: `discord HTTP ${e.status}` };
    return { ok: false, error: 'transient', reason: `network: ${(e as Error).message.slice(0, 120)}` };
  }
}
