// The one in-process PlatformPort for tests. It records every send with the core clock's
// time (what arrived, where, when, and how often), and its answer to each send can be
// scripted: accept it, ask to slow down (429 with retry_after), fail transiently (500),
// throw (a network error), hang (a timeout), refuse for good (the person blocked the bot),
// or hold it until the test releases it. Several platforms of one test can write to one
// shared log, so deliveries across platforms read in the order they happened.
import type { Clock } from '../../src/clock.js';
import type { AccountId } from '../../src/domain/person.js';
import { platformOf } from '../../src/domain/platform-id.js';
import type { MessageKind, OutboundMessage, PlatformPort, RateLimits, SendResult } from '../../src/ports/platform.js';

export type Behaviour =
  | { kind: 'ok' }
  | { kind: 'rate_limited'; retryAfterMs: number }
  | { kind: 'server_error' }
  | { kind: 'network_error' }
  | { kind: 'timeout' }
  | { kind: 'blocked' }
  | { kind: 'hold' };

export const ok: Behaviour = { kind: 'ok' };
export const tooManyRequests = (retryAfterMs: number): Behaviour => ({ kind: 'rate_limited', retryAfterMs });
export const serverError: Behaviour = { kind: 'server_error' };
export const networkError: Behaviour = { kind: 'network_error' };
/** A send whose promise never settles: only the dispatcher's own timeout ends it. */
export const timeout: Behaviour = { kind: 'timeout' };
/** The recipient blocked the bot (Telegram 403, Discord 50007): permanent. */
export const blocked: Behaviour = { kind: 'blocked' };
/** Pending until `release()`: lets a test look at a message while it is being sent. */
export const hold: Behaviour = { kind: 'hold' };

/** One send the platform was asked to make, whatever became of it. */
export interface SendCall {
  key: string;
  chatId: string;
  chatKind: 'dm' | 'group';
  kind: MessageKind;
  text: string;
  firstLine: string;
  private: boolean;
  /** The core clock's time when the send was attempted. */
  at: Date;
  /** The whole message as the core handed it over. */
  message: OutboundMessage;
  behaviour: Behaviour['kind'];
  /** Set once the send has settled as accepted by the platform. */
  delivered: boolean;
}

export interface InProcessPlatformOptions {
  /** The platform name, which is also the prefix of the chat ids it serves (default `test`). */
  platform?: string;
  /** Generous by default, so simulated days are not slowed by real-time pacing. */
  limits?: Partial<RateLimits>;
  /** Stamps each send; a test bot sets its own clock on the platforms it is given. */
  clock?: Clock;
  /** A log shared with other platforms: every send is written there too. */
  log?: SendCall[];
  /** Capabilities. By default every answer comes back from core.handle (a private one in a group as if shown to the sender alone). */
  answersInline?: boolean;
  ephemeral?: boolean;
  editsMessages?: boolean;
  asksWithForms?: boolean;
  /** Given, the platform answers whether an account may manage a group; left out, it cannot tell. */
  checkGroupAdmin?: (chatId: string, account: AccountId) => boolean | Promise<boolean>;
}

export class InProcessPlatform implements PlatformPort {
  readonly platform: string;
  readonly limits: RateLimits;
  readonly answersInline: boolean;
  readonly ephemeral: boolean;
  readonly editsMessages?: boolean;
  readonly asksWithForms?: boolean;
  readonly checkGroupAdmin?: (chatId: string, account: AccountId) => Promise<boolean>;
  /** Every send, in the order asked. */
  readonly calls: SendCall[] = [];
  /** What a send does when nothing is scripted for it: a fixed answer, or one chosen per message. */
  otherwise: Behaviour | ((m: OutboundMessage) => Behaviour) = ok;
  clock: Clock | null;
  private readonly log: SendCall[] | null;
  private readonly script: Behaviour[] = [];
  private readonly perChat = new Map<string, Behaviour[]>();
  private readonly held: { call: SendCall; resolve: (r: SendResult) => void }[] = [];
  private messageId = 0;

  constructor(opts: InProcessPlatformOptions = {}) {
    this.platform = opts.platform ?? 'test';
    this.limits = { perSecond: 1_000, perChatPerSecond: 1_000, ...opts.limits };
    this.clock = opts.clock ?? null;
    this.log = opts.log ?? null;
    this.answersInline = opts.answersInline ?? true;
    this.ephemeral = opts.ephemeral ?? true;
    if (opts.editsMessages !== undefined) this.editsMessages = opts.editsMessages;
    if (opts.asksWithForms !== undefined) this.asksWithForms = opts.asksWithForms;
    const admin = opts.checkGroupAdmin;
    if (admin) this.checkGroupAdmin = async (chatId, account) => admin(chatId, account);
  }

  /** The next sends (to any chat) behave like this, in order. */
  next(...behaviours: Behaviour[]): this {
    this.script.push(...behaviours);
    return this;
  }

  /** The next sends to one chat behave like this, in order (checked before `next`). */
  nextFor(chatId: string, ...behaviours: Behaviour[]): this {
    this.perChat.set(chatId, [...(this.perChat.get(chatId) ?? []), ...behaviours]);
    return this;
  }

  /** The sends the platform accepted, in order. */
  get delivered(): SendCall[] {
    return this.calls.filter((c) => c.delivered);
  }

  deliveredTo(chatId: string, kind?: MessageKind): SendCall[] {
    return this.delivered.filter((c) => c.chatId === chatId && (kind === undefined || c.kind === kind));
  }

  /** Keys delivered more than once, with their counts. */
  duplicates(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const c of this.delivered) counts.set(c.key, (counts.get(c.key) ?? 0) + 1);
    return new Map([...counts].filter(([, n]) => n > 1));
  }

  get heldCount(): number {
    return this.held.length;
  }

  /** Settles the oldest held send. */
  release(result: SendResult = { ok: true }): void {
    const h = this.held.shift();
    if (!h) throw new Error('no send is being held');
    if (result.ok) h.call.delivered = true;
    h.resolve(result);
  }

  async send(m: OutboundMessage): Promise<SendResult> {
    // Like every real port, it refuses a chat of another platform (recorded, so a test sees it was asked).
    const foreign = platformOf(m.to.chatId) !== this.platform;
    const behaviour = foreign ? blocked : this.perChat.get(m.to.chatId)?.shift() ?? this.script.shift()
      ?? (typeof this.otherwise === 'function' ? this.otherwise(m) : this.otherwise);
    const call: SendCall = {
      key: m.key, chatId: m.to.chatId, chatKind: m.to.kind, kind: m.kind, text: m.reply.text,
      firstLine: m.reply.text.split('\n')[0] ?? '', private: m.reply.private, at: this.clock ? this.clock.now() : new Date(0),
      message: m, behaviour: behaviour.kind, delivered: false,
    };
    this.calls.push(call);
    this.log?.push(call);
    switch (behaviour.kind) {
      case 'ok':
        call.delivered = true;
        this.messageId += 1;
        return { ok: true, platformMessageId: String(this.messageId) };
      case 'rate_limited':
        return { ok: false, error: 'rate_limited', retryAfterMs: behaviour.retryAfterMs };
      case 'server_error':
        return { ok: false, error: 'transient', reason: '500 Internal Server Error' };
      case 'network_error':
        throw new Error('ECONNRESET');
      case 'timeout':
        return new Promise<SendResult>(() => {});
      case 'blocked':
        return { ok: false, error: 'unreachable', reason: foreign ? `not a ${this.platform} chat id` : '403 Forbidden: bot was blocked by the user' };
      case 'hold':
        return new Promise<SendResult>((resolve) => this.held.push({ call, resolve }));
    }
  }
}
