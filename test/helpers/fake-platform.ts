// A PlatformPort for tests whose answer to each send is scripted: accept it, ask to slow
// down (429 with retry_after), fail transiently (500), hang (a timeout), refuse for good
// (the person blocked the bot), or hold it until the test releases it. Every attempt is
// recorded with the clock's time, so a test can say what arrived, when, and how often.
import type { Clock } from '../../src/clock.js';
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

export interface SendCall {
  key: string;
  chatId: string;
  chatKind: 'dm' | 'group';
  kind: MessageKind;
  text: string;
  firstLine: string;
  /** The core clock's time when the send was attempted. */
  at: Date;
  behaviour: Behaviour['kind'];
  /** Set once the send has settled as accepted by the platform. */
  delivered: boolean;
}

export interface FakePlatformOptions {
  platform?: string;
  limits?: Partial<RateLimits>;
  clock?: Clock;
}

export class FakePlatform implements PlatformPort {
  readonly platform: string;
  readonly limits: RateLimits;
  /** Every answer comes back from core.handle (a private one in a group as if shown to the sender alone). */
  readonly answersInline = true;
  readonly ephemeral = true;
  readonly calls: SendCall[] = [];
  /** What a send does when nothing is scripted for it: a fixed answer, or one chosen per message. */
  otherwise: Behaviour | ((m: OutboundMessage) => Behaviour) = ok;
  clock: Clock | null;
  private readonly script: Behaviour[] = [];
  private readonly perChat = new Map<string, Behaviour[]>();
  private readonly held: { call: SendCall; resolve: (r: SendResult) => void }[] = [];
  private messageId = 0;

  constructor(opts: FakePlatformOptions = {}) {
    this.platform = opts.platform ?? 'test';
    // Generous by default so simulated days are not slowed by real-time pacing.
    this.limits = { perSecond: 1_000, perChatPerSecond: 1_000, ...opts.limits };
    this.clock = opts.clock ?? null;
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
    const chatScript = this.perChat.get(m.to.chatId);
    const behaviour = chatScript?.shift() ?? this.script.shift()
      ?? (typeof this.otherwise === 'function' ? this.otherwise(m) : this.otherwise);
    const call: SendCall = {
      key: m.key, chatId: m.to.chatId, chatKind: m.to.kind, kind: m.kind, text: m.reply.text,
      firstLine: m.reply.text.split('\n')[0] ?? '', at: this.clock ? this.clock.now() : new Date(0),
      behaviour: behaviour.kind, delivered: false,
    };
    this.calls.push(call);
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
        return { ok: false, error: 'unreachable', reason: '403 Forbidden: bot was blocked by the user' };
      case 'hold':
        return new Promise<SendResult>((resolve) => this.held.push({ call, resolve }));
    }
  }
}

