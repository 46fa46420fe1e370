import type { Clock } from '../clock.js';
import type { Log } from '../log.js';
import type { PlatformPort, SendResult } from '../ports/platform.js';
import type { Db } from '../store/database.js';
import {
  claimMessage, dueMessages, finishMessage, recoverInterrupted, requeueMessage, toOutboxMessage, type OutboxMessage,
} from '../store/outbox.js';
import { dueMessagesOf } from '../store/outbox-takeover.js';
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
  /** Platforms for which this returns false are not dispatched here: another instance is their one sender. */
  leads?: (platform: string) => boolean;
}

const BATCH = 200;
/** How far ahead sends are booked on the rate limiter and started on a timer. */
const LOOKAHEAD_MS = 1_000;

/**
 * Sends from the outbox. A row is claimed by compare-and-set, sent with no database
 * transaction open, then marked with what happened: sent, retried later, failed after
 * many attempts, or unreachable (never retried).
 */
export class Dispatcher {
  private readonly ports = new Map<string, { port: PlatformPort; limiter: RateLimiter; pausedUntil: number }>();
  private readonly inFlight = new Set<Promise<void>>();
  /** Rows booked on a limiter slot and waiting for it: still 'queued', so skipped by later rounds here. */
  private readonly booked = new Set<string>();
  private readonly maxAttempts: number;
  private readonly backoffMs: number;
  private readonly sendTimeoutMs: number;
  private running = false;
  /** Rows handled (sent, skipped or deferred) so far: flush() waits only when a round made no progress. */
  private progress = 0;
  private wake: (() => void) | null = null;

  constructor(private readonly deps: DispatcherDeps) {
    for (const port of deps.ports) this.ports.set(port.platform, { port, limiter: new RateLimiter(port.limits), pausedUntil: 0 });
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
    const r = await recoverInterrupted(this.deps.db, claimedBefore);
    if (r.requeued + r.failed > 0) this.deps.log.warn({ event: 'outbox-recovered', ...r }, 'messages interrupted mid-send');
    return r;
  }

  /**
   * Starts sending what is due now, as far as the rate limits allow, and returns how long
   * to wait before calling again (ms). Sends continue in the background; see `settle`.
   */
  async dispatchDue(): Promise<number> {
    const { db, clock, leads } = this.deps;
    const now = clock.now();
    // Only the platforms led here: another platform's backlog never fills this window (none led: nothing read).
    const rows = leads ? await dueMessagesOf(db, now, BATCH, [...this.ports.keys()].filter(leads)) : await dueMessages(db, now, BATCH);
    let wait = 1_000;
    const exhausted = new Set<string>();
    for (const row of rows) {
      if (this.booked.has(row.id)) continue;
      const p = this.ports.get(row.platform);
      if (!p || (leads && !leads(row.platform))) {
        wait = Math.min(wait, 1_000);
        continue; // that platform is not running in this process; the row waits for it
      }
      if (exhausted.has(row.platform)) continue;
      const paused = p.pausedUntil - performance.now();
      if (paused > 0) {
        exhausted.add(row.platform);
        wait = Math.min(wait, paused);
        continue;
      }
      // Look at the limits before decrypting or checking anything: most rows of a backlog wait.
      const globalWait = p.limiter.globalWait();
      if (globalWait > LOOKAHEAD_MS) {
        exhausted.add(row.platform);
        // Look again while half the look-ahead is still booked: a round's own length never becomes a gap in sending.
        wait = Math.min(wait, globalWait - LOOKAHEAD_MS / 2);
        continue;
      }
      const chatWait = p.limiter.wait(row.chat_id, row.chat_kind === 'group');
      if (chatWait > LOOKAHEAD_MS) {
        wait = Math.min(wait, chatWait);
        continue;
      }
      const m = await this.opened(row, now);
      if (!m) continue;
      const verdict = await checkRelevance(db, m, now);
      if (!verdict.send) {
        if ('defer' in verdict) await requeueMessage(db, m.id, verdict.defer, 'quiet-hours');
        else {
          await finishMessage(db, m.id, 'skipped', now, { error: verdict.skip });
          await forgetFinishedMessage(db, m.id, now);
        }
        this.progress += 1;
        continue;
      }
      if (m.to.kind === 'dm' && (await isAccountUnreachable(db, m.to.chatId))) {
        if (await claimMessage(db, m.id, now)) await finishMessage(db, m.id, 'unreachable', now, { error: 'marked unreachable earlier' });
        this.progress += 1;
        continue;
      }
      // A 429 may have come back while we checked this row: the platform's word wins.
      const pausedNow = p.pausedUntil - performance.now();
      if (pausedNow > 0) {
        exhausted.add(row.platform);
        wait = Math.min(wait, pausedNow);
        continue;
      }
      // Booked synchronously right before the claim, so no other row takes the same slot.
      const delay = p.limiter.reserve(m.to.chatId, m.to.kind === 'group', LOOKAHEAD_MS);
      if (delay === null) {
        const g = p.limiter.globalWait();
        wait = Math.min(wait, g > LOOKAHEAD_MS ? g - LOOKAHEAD_MS / 2 : LOOKAHEAD_MS);
        if (g > LOOKAHEAD_MS) exhausted.add(row.platform);
        continue;
      }
      // Claimed only when its slot comes, so 'sending' means really on its way to the platform.
      this.booked.add(m.id);
      this.progress += 1;
      this.track(this.sendAfter(delay, p.port, m, p));
    }
    // A full batch with nothing held back by a limit may have more rows behind it: look again now.
    if (rows.length === BATCH && exhausted.size === 0 && wait === 1_000) wait = 0;
    return Math.max(2, wait);
  }

  /** A row whose sealed payload does not open here (another key, moved, altered) is never sent, and never blocks the queue. */
  private async opened(row: OutboxTable, now: Date): Promise<OutboxMessage | null> {
    try {
      return toOutboxMessage(row, this.deps.seal);
    } catch (e) {
      if (!(e instanceof SealError)) throw e;
      if (await claimMessage(this.deps.db, row.id, now)) await finishMessage(this.deps.db, row.id, 'failed', now, { error: `unreadable: ${e.reason}` });
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
      const { leads } = this.deps;
      const due = leads ? await dueMessagesOf(this.deps.db, this.deps.clock.now(), 1, [...this.ports.keys()].filter(leads)) : await dueMessages(this.deps.db, this.deps.clock.now(), 1);
      const sendable = due.filter((r) => this.ports.has(r.platform));
      if (sendable.length === 0 && this.inFlight.size === 0) return;
      const before = this.progress;
      const wait = await this.dispatchDue();
      await this.settle();
      // Nothing could go yet (rate limits, a platform's retry_after): wait as long as they ask.
      if (this.progress === before && sendable.length > 0) await sleep(Math.min(wait, 1_100));
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
    this.wake?.();
  }

  private async loop(): Promise<void> {
    while (this.running) {
      let wait = 1_000;
      try {
        wait = await this.dispatchDue();
      } catch (e) {
        this.deps.log.error({ event: 'dispatch-error', err: (e as Error).message }, 'dispatcher round failed');
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(wait, 1_000));
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
   * At its booked slot: claims the row (another instance may have taken it) and sends it.
   * A 429 that arrived meanwhile leaves it queued for a later round, unsent and uncounted.
   */
  private async sendAfter(delay: number, port: PlatformPort, m: OutboxMessage, state: { pausedUntil: number }): Promise<void> {
    try {
      if (delay > 0) await sleep(delay);
      if (state.pausedUntil > performance.now()) return;
      if (this.deps.leads && !this.deps.leads(port.platform)) return; // lost the lead meanwhile: the new sender has it
      if (!(await claimMessage(this.deps.db, m.id, this.deps.clock.now()))) return;
      await this.send(port, m, state);
    } finally {
      this.booked.delete(m.id);
    }
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
