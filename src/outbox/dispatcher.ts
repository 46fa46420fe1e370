import type { Clock } from '../clock.js';
import type { Log } from '../log.js';
import type { PlatformPort, SendResult } from '../ports/platform.js';
import type { Db } from '../store/database.js';
import {
  claimTurns, dueMessages, finishMessage, recoverInterrupted, requeueMessage, toOutboxMessage, unclaimMessage, type OutboxMessage,
} from '../store/outbox.js';
import { isAccountUnreachable, markAccountUnreachable } from '../store/people.js';
import { moveGroupChat } from '../store/groups.js';
import { forgetFinishedMessage } from '../store/retention.js';
import type { OutboxTable } from '../store/schema.js';
import { SealError, type TextSeal } from '../store/sealed-text.js';
import { handleRefusal } from './degrade.js';
import { RateLimiter } from './rate-limiter.js';
import { checkRelevance } from './relevance.js';

export interface DispatcherDeps {
  db: Db;
  seal: TextSeal;
  clock: Clock;
  log: Log;
  ports: readonly PlatformPort[];
  maxAttempts?: number;
  /** Milliseconds before the first retry after a platform or network error; doubles each time. */
  backoffMs?: number;
  /** A send that takes longer than this is abandoned and retried. */
  sendTimeoutMs?: number;
  /** One process owns this database (SQLite): at start, every half-done send is its own dead one's. */
  singleProcess?: boolean;
  /**
   * Whether this instance sends for a platform right now (with several instances, the one that
   * holds the platform's lease). Rows of a platform it does not lead are not even read. Default: all.
   */
  leads?: (platform: string) => boolean;
}

/** At most this many rows are claimed in one statement. */
const MAX_BATCH = 500;
/**
 * How many sends are claimed ahead of their slot: a claimed row is 'sending', so this is about
 * what a crash leaves in flight (sent again once at recovery). The claim looks that many slots
 * of the platform's pace ahead, within these bounds.
 */
const CLAIM_AHEAD_SENDS = 8;
const MIN_AHEAD_MS = 20;
const MAX_AHEAD_MS = 1_000;
/** With nothing to send, how often the outbox is looked at anyway (rows come due, other instances enqueue). */
const IDLE_MS = 1_000;

type PortState = {
  port: PlatformPort;
  limiter: RateLimiter;
  pausedUntil: number;
  /** How far ahead sends are booked and claimed: a few of the platform's slots. */
  aheadMs: number;
  /** Rows of one chat in one claim: as many as its limit lets out within aheadMs. */
  perChat: number;
};

/**
 * Sends from the outbox. Each round takes, per platform, the next rows in line: SOS first,
 * then alerts, answers and the schedule, one turn per chat, leaving out chats over their limit
 * and taking no more than the platform's budget lets out within its next few slots. They are claimed in
 * one statement (on PostgreSQL with SKIP LOCKED, so instances split the line), booked on the
 * rate limiter, and sent at their slot with no database transaction open, then marked with what
 * happened: sent, retried later, failed after many attempts, or unreachable (never retried).
 * With only rate-limited rows left, it sleeps until the first of them may go.
 */
export class Dispatcher {
  private readonly ports = new Map<string, PortState>();
  private readonly inFlight = new Set<Promise<void>>();
  /**
   * Rows this dispatcher claimed and has not settled yet: never "interrupted", however old their
   * claim looks (a simulated clock that jumps hours, as the console's does, ages them at once).
   */
  readonly claimedHere = new Set<string>();
  private readonly maxAttempts: number;
  private readonly backoffMs: number;
  private readonly sendTimeoutMs: number;
  private running = false;
  /** Rows handled (sent, skipped or deferred) so far: flush() waits only when a round made no progress. */
  private progress = 0;
  private wake: (() => void) | null = null;
  /** poke() came during a round: the round may have read the outbox before the new row, so go again. */
  private poked = false;
  /** Rounds run so far (each reads the outbox once per platform): an idle dispatcher adds few. */
  rounds = 0;

  constructor(private readonly deps: DispatcherDeps) {
    for (const port of deps.ports) {
      const aheadMs = Math.min(MAX_AHEAD_MS, Math.max(MIN_AHEAD_MS, Math.floor(CLAIM_AHEAD_SENDS * 1_000 / port.limits.perSecond)));
      const perChat = Math.max(1, Math.min(Math.floor(port.limits.perChatPerSecond * aheadMs / 1_000), 50));
      this.ports.set(port.platform, { port, limiter: new RateLimiter(port.limits), pausedUntil: 0, aheadMs, perChat });
    }
    this.maxAttempts = deps.maxAttempts ?? 8;
    this.backoffMs = deps.backoffMs ?? 2_000;
    this.sendTimeoutMs = deps.sendTimeoutMs ?? 30_000;
  }

  /**
   * Messages a dead process left mid-send are sent again at most once. Only claims older
   * than any live send could be (the send timeout and a margin) are taken, so a starting
   * instance never steals what another instance is sending right now.
   */
  async recover(claimedBefore: Date = new Date(this.deps.clock.now().getTime() - this.sendTimeoutMs - 30_000)) {
    const r = await recoverInterrupted(this.deps.db, { claimedBefore, except: this.claimedHere });
    if (r.requeued + r.failed > 0) this.deps.log.warn({ event: 'outbox-recovered', ...r }, 'messages interrupted mid-send');
    return r;
  }

  /** The platforms this instance sends for now. */
  private led(): string[] {
    return [...this.ports.keys()].filter((platform) => this.deps.leads?.(platform) ?? true);
  }

  /**
   * Starts sending what is due now, as far as the rate limits allow, and returns how long
   * to wait before calling again (ms; 0: more is waiting now). Sends continue in the
   * background; see `settle`.
   */
  async dispatchDue(): Promise<number> {
    this.rounds += 1;
    this.poked = false;
    let wait = IDLE_MS;
    for (const platform of this.led()) wait = Math.min(wait, await this.dispatchPlatform(this.ports.get(platform)!));
    return wait;
  }

  private async dispatchPlatform(p: PortState): Promise<number> {
    const { db, clock } = this.deps;
    const paused = p.pausedUntil - performance.now();
    if (paused > 0) return paused;
    // The budget is booked up for the next slots: come back when some of it is free.
    const room = p.limiter.capacity(p.aheadMs);
    if (room === 0) return Math.max(p.aheadMs / 2, p.limiter.globalWait() - p.aheadMs);
    const busy = p.limiter.busyChats(p.aheadMs);
    const want = Math.min(room, MAX_BATCH);
    const now = clock.now();
    const rows = await claimTurns(db, now, want, { platforms: [p.port.platform], skipChats: busy.chats, perChat: p.perChat });
    for (const row of rows) this.claimedHere.add(row.id);
    let wait = Math.min(IDLE_MS, Math.max(busy.freeInMs, 1));
    let givenBack = 0;
    for (let i = 0; i < rows.length; i += 1) {
      let r: { givenBack?: number; sending?: true };
      try {
        r = await this.take(rows[i]!, p, now);
      } catch (e) {
        // The database failed mid-round: what was claimed and not yet on its way goes back in its
        // place now, rather than looking interrupted to recover() a minute later.
        for (const rest of rows.slice(i)) {
          this.claimedHere.delete(rest.id);
          await unclaimMessage(db, rest).catch(() => {});
        }
        throw e;
      }
      if (!r.sending) this.claimedHere.delete(rows[i]!.id);
      if (r.givenBack !== undefined) {
        givenBack += 1;
        wait = Math.min(wait, Math.max(r.givenBack, 1));
      }
    }
    // A full batch may have more behind it: at once when the batch size cut it short, when
    // the budget did, once part of it is free again.
    if (rows.length === want && givenBack === 0) wait = want < room ? 0 : p.aheadMs / 2;
    return wait;
  }

  /**
   * One claimed row: checked, then booked on a slot and sent there; or finished, deferred, or given
   * back to the queue in its place (it did not fit the limits after all: `givenBack` says when it may).
   */
  private async take(row: OutboxTable, p: PortState, now: Date): Promise<{ givenBack?: number; sending?: true }> {
    const { db } = this.deps;
    const m = await this.opened(row, now);
    if (!m) return {};
    const verdict = await checkRelevance(db, m, now);
    if (!verdict.send) {
      if ('defer' in verdict) await requeueMessage(db, m.id, verdict.defer, 'quiet-hours', true);
      else {
        await finishMessage(db, m.id, 'skipped', now, { error: verdict.skip, refund: true });
        await forgetFinishedMessage(db, m.id, now);
      }
      this.progress += 1;
      return {};
    }
    if (m.to.kind === 'dm' && (await isAccountUnreachable(db, m.to.chatId))) {
      await finishMessage(db, m.id, 'unreachable', now, { error: 'marked unreachable earlier' });
      this.progress += 1;
      return {};
    }
    // A 429 may have come back while we checked this row: the platform's word wins.
    const pausedNow = p.pausedUntil - performance.now();
    if (pausedNow > 0) {
      await unclaimMessage(db, row);
      return { givenBack: pausedNow };
    }
    // Booked synchronously, so no other row takes the same slot.
    const delay = p.limiter.reserve(m.to.chatId, m.to.kind === 'group', p.aheadMs);
    if (delay === null) {
      await unclaimMessage(db, row);
      return { givenBack: Math.max(p.limiter.wait(m.to.chatId, m.to.kind === 'group') - p.aheadMs, MIN_AHEAD_MS) };
    }
    this.progress += 1;
    this.track(this.sendAfter(delay, p.port, m, row, p).finally(() => this.claimedHere.delete(row.id)));
    return { sending: true };
  }

  /** A row whose sealed payload does not open here (another key, moved, altered) is never sent, and never blocks the queue. */
  private async opened(row: OutboxTable, now: Date): Promise<OutboxMessage | null> {
    try {
      // As it was before this claim counted it: attempts made so far.
      return toOutboxMessage({ ...row, attempts: row.attempts - 1 }, this.deps.seal);
    } catch (e) {
      if (!(e instanceof SealError)) throw e;
      await finishMessage(this.deps.db, row.id, 'failed', now, { error: `unreadable: ${e.reason}` });
      this.deps.log.error({ event: 'outbox-unreadable', reason: e.reason }, 'a queued message does not open with the data key; it is not sent');
      this.progress += 1;
      return null;
    }
  }

  /** Waits for sends already started. */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** Sends everything due now and waits for it (tests and the console use this). */
  async flush(maxRounds = 1_000): Promise<void> {
    for (let i = 0; i < maxRounds; i += 1) {
      const sendable = await dueMessages(this.deps.db, this.deps.clock.now(), 1, this.led());
      if (sendable.length === 0 && this.inFlight.size === 0) return;
      const before = this.progress;
      const wait = await this.dispatchDue();
      await this.settle();
      // Nothing could go yet (rate limits, a platform's retry_after): wait as long as they ask.
      if (this.progress === before && sendable.length > 0) await sleep(Math.min(Math.max(wait, 2), 1_100));
    }
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.settle();
  }

  /**
   * At start: on a database one process owns (SQLite), every row left 'sending' belongs to
   * the process that died, so all are taken back at once; with several instances, only old ones.
   */
  async recoverAtStart() {
    return this.deps.singleProcess ? this.recover(this.deps.clock.now()) : this.recover();
  }

  /** Something was enqueued: look now instead of at the next poll. */
  poke(): void {
    this.poked = true;
    this.wake?.();
  }

  private async loop(): Promise<void> {
    while (this.running) {
      let wait = IDLE_MS;
      try {
        wait = await this.dispatchDue();
      } catch (e) {
        this.deps.log.error({ event: 'dispatch-error', err: (e as Error).message }, 'dispatcher round failed');
      }
      // Only a round that took a full batch asks for another at once; otherwise sleep until the
      // first slot, a platform's pause, or the next look (poke() wakes it for new rows).
      if (wait <= 0 || this.poked || !this.running) continue;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(wait, IDLE_MS));
        this.wake = () => { clearTimeout(t); resolve(); };
      });
      this.wake = null;
    }
  }

  private track(p: Promise<void>): void {
    const guarded = p.catch((e: unknown) => {
      // The row stays 'sending'; recover() takes it back once it is older than any live send.
      this.deps.log.error({ event: 'send-bookkeeping-failed', err: (e as Error).message }, 'could not record a send outcome');
    });
    this.inFlight.add(guarded);
    void guarded.finally(() => this.inFlight.delete(guarded));
  }

  /** Records a send's outcome, retrying through a busy or briefly lost database: the platform already acted. */
  private async record(write: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await write();
      } catch (e) {
        if (attempt >= 8) throw e;
        await sleep(Math.min(250 * 2 ** attempt, 5_000));
      }
    }
  }

  /**
   * At its booked slot (a few slots after the claim at most): sends the row. A 429 that arrived
   * meanwhile gives it back to the queue in its place, unsent and uncounted.
   */
  private async sendAfter(delay: number, port: PlatformPort, m: OutboxMessage, row: OutboxTable, state: { pausedUntil: number }): Promise<void> {
    if (delay > 0) await sleep(delay);
    if (state.pausedUntil > performance.now()) {
      await this.record(() => unclaimMessage(this.deps.db, row));
      return;
    }
    // Lost the lead meanwhile: the new sender takes this row back when it takes over, and sends it.
    if (this.deps.leads && !this.deps.leads(port.platform)) return;
    await this.send(port, m, state);
  }

  private async send(port: PlatformPort, m: OutboxMessage, state: { pausedUntil: number }): Promise<void> {
    const { db, clock, log } = this.deps;
    let result: SendResult;
    try {
      result = await withTimeout(port.send({ key: m.key, to: m.to, kind: m.kind, reply: m.reply, ...(m.replaces ? { replaces: m.replaces } : {}) }), this.sendTimeoutMs);
    } catch (e) {
      result = { ok: false, error: 'transient', reason: (e as Error).message.slice(0, 200) };
    }
    const now = clock.now();
    const meta = { event: 'send', kind: m.kind, platform: port.platform, attempt: m.attempts + 1 };
    if (result.ok) {
      await this.record(() => finishMessage(db, m.id, 'sent', now, { platformMessageId: result.platformMessageId }));
      await this.record(() => forgetFinishedMessage(db, m.id, now));
      log.debug({ ...meta, outcome: 'sent' }, 'sent');
    } else if (result.error === 'rate_limited') {
      // The platform's word wins over our pacing: hold the whole platform for that long.
      state.pausedUntil = performance.now() + result.retryAfterMs;
      await this.record(() => requeueMessage(db, m.id, new Date(now.getTime() + result.retryAfterMs), 'rate_limited', true));
      log.warn({ ...meta, outcome: 'rate_limited', retryAfterMs: result.retryAfterMs }, 'platform asked us to slow down');
    } else if (result.error === 'moved') {
      // The group lives on under its new id: it and everything queued for it move there, this one included.
      await this.record(() => moveGroupChat(db, this.deps.seal, m.to.chatId, result.newChatId));
      await this.record(() => requeueMessage(db, m.id, now, 'moved', true));
      log.info({ ...meta, outcome: 'moved' }, 'the group moved to a new chat id; sending there');
    } else if (result.error === 'unreachable') {
      await this.record(() => finishMessage(db, m.id, 'unreachable', now, { error: result.reason }));
      if (m.to.kind === 'dm') await this.record(() => markAccountUnreachable(db, m.to.chatId, now));
      log.warn({ ...meta, outcome: 'unreachable', reason: result.reason }, 'recipient unreachable');
    } else if (result.error === 'refused') {
      // Permanent (a 4xx): a refused picture or file goes again as its text with a note; anything else fails now.
      await this.record(() => handleRefusal(this.deps, m, result, now, meta));
    } else if (m.attempts + 1 >= this.maxAttempts) {
      await this.record(() => finishMessage(db, m.id, 'failed', now, { error: result.reason }));
      log.error({ ...meta, outcome: 'failed', reason: result.reason }, 'gave up after repeated errors');
    } else {
      const backoff = Math.min(this.backoffMs * 2 ** m.attempts, 10 * 60_000) * (0.75 + Math.random() * 0.5);
      await this.record(() => requeueMessage(db, m.id, new Date(now.getTime() + backoff), result.reason));
      log.warn({ ...meta, outcome: 'retry', backoffMs: Math.round(backoff) }, 'send failed; will retry');
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`send timed out after ${ms} ms`)), ms);
    p.then((v) => { clearTimeout(t); resolve(v); }, (e: unknown) => { clearTimeout(t); reject(e as Error); });
  });
}
