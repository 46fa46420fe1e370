/*
 * The measured phases, each against whatever database it is given, so SQLite and
 * PostgreSQL run the very same code. Nothing here asserts a timing; sanity checks only
 * make sure a figure measures what it says (e.g. exactly N rows were due).
 */
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type {
  KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow,
} from 'kysely';
import { SettableClock } from '../src/clock.js';
import { parseDatabaseUrl } from '../src/config.js';
import { reply } from '../src/ports/reply.js';
import { toDbInstant } from '../src/store/convert.js';
import type { Db } from '../src/store/database.js';
import { enqueueMessage, outboxCounts } from '../src/store/outbox.js';
import { createTestCore, type TestCore, type TestCoreOptions } from '../test/helpers/core-harness.js';
import { httpPlatformPort, type HttpPlatformStats, type Received } from '../test/helpers/http-platform.js';
import { personSpec } from './population.js';
import { round, runPool, summarize, type Summary } from './stats.js';

/** Counts the statements the core sends (a diagnostic: round trips are what PostgreSQL pays for). */
export class StatementCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.count += 1;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

export interface BenchEnv extends TestCore {
  /** Counts the core's statements only: `db` itself is the plain database the phases set up with. */
  statements: StatementCounter;
  /** How many people are seeded (indices 0 … people-1). */
  people: number;
  /** The instant the population was seeded at; the clock stands here for the tick phases. */
  now0: Date;
}

/** The test builder's core on the database at `url`, with a data key as a real deployment would set one (outbox payloads are sealed). */
function benchCore(url: string, opts: TestCoreOptions): Promise<TestCore> {
  const storage = parseDatabaseUrl(url);
  if (!storage) throw new Error(`not a database URL: ${url}`);
  return createTestCore({ storage, dataKey: randomBytes(32), ...opts });
}

/** A core over the seeded population at `url`; `people` is counted when not given. */
export async function makeEnv(url: string, now0: Date, people?: number, opts: { dataKey?: Buffer | null } = {}): Promise<BenchEnv> {
  const statements = new StatementCounter();
  const t = await benchCore(url, { at: now0, seed: 7, wrapDb: (db) => db.withPlugin(statements), ...opts });
  const n = people ?? Number((await t.db.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { ...t, statements, people: n, now0 };
}

async function countDue(db: Db, now: Date): Promise<Record<string, number>> {
  const at = toDbInstant(now);
  const out: Record<string, number> = {};
  for (const col of ['next_prompt_at', 'reminder_at', 'grace_at', 'next_summary_at'] as const) {
    const r = await db.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n')).where(col, '<=', at).executeTakeFirstOrThrow();
    out[col] = Number(r.n);
  }
  return out;
}

export interface IdleTickResult extends Summary {
  /** Due work found by these ticks; 0 when "nothing due" held. */
  workDone: number;
}

/** Ticks with nothing due: four indexed range scans that find nothing. */
export async function tickNothingDue(env: BenchEnv, ticks: number, warmup = 20): Promise<IdleTickResult> {
  env.clock.set(env.now0);
  let work = 0;
  const times: number[] = [];
  for (let i = 0; i < warmup + ticks; i += 1) {
    const t = performance.now();
    const r = await env.core.tick();
    const ms = performance.now() - t;
    if (i >= warmup) times.push(ms);
    work += r.prompts + r.reminders + r.alerts + r.summaries + r.celebrations + r.skippedStale;
  }
  return { ...summarize(times), workDone: work };
}

export interface DueRound {
  round: number;
  due: number;
  ms: number;
  perSecond: number;
  prompts: number;
  celebrations: number;
  skippedStale: number;
  /** Rows still due after the tick (0: the tick drained everything). */
  leftDue: number;
  /** SQL statements the tick sent, per due person. */
  statementsPerPrompt: number;
  /** This process's CPU time per due person (user + system), in ms: steadier than wall time on a busy machine. */
  cpuMsPerPrompt: number;
}

export interface DueTickResult {
  dueEach: number;
  rounds: DueRound[];
  medianMs: number;
  p99Ms: number;
  /** Prompts claimed and enqueued per second across all rounds. */
  perSecond: number;
}

/**
 * Ticks with exactly `due` prompts due: each round moves the next prompt of a fresh set of
 * people (every stride-th index) to a minute ago, checks that exactly that many rows are
 * due in any column, then times one core.tick() that claims them and writes their prompts
 * (and any milestone celebrations) to the outbox.
 */
export async function tickDue(env: BenchEnv, due: number, rounds: number, firstRound = 0): Promise<DueTickResult> {
  const stride = Math.floor(env.people / due);
  if (stride < 1) throw new Error(`cannot make ${due} due out of ${env.people} people`);
  const out: DueRound[] = [];
  for (let r = firstRound; r < Math.min(firstRound + rounds, stride); r += 1) {
    env.clock.set(env.now0);
    const dueAt = toDbInstant(new Date(env.now0.getTime() - 60_000));
    const ids: string[] = [];
    for (let k = 0; k < due; k += 1) ids.push(personSpec(r + k * stride).id);
    await env.db.transaction().execute(async (trx) => {
      for (let k = 0; k < ids.length; k += 1_000) {
        await trx.updateTable('people').set({ next_prompt_at: dueAt }).where('id', 'in', ids.slice(k, k + 1_000)).execute();
      }
    });
    const before = await countDue(env.db, env.now0);
    if (before.next_prompt_at !== due || before.reminder_at! + before.grace_at! + before.next_summary_at! !== 0) {
      throw new Error(`expected exactly ${due} due prompts and nothing else, found ${JSON.stringify(before)}`);
    }
    const st0 = env.statements.count;
    const cpu0 = process.cpuUsage();
    const t = performance.now();
    const rep = await env.core.tick();
    const ms = performance.now() - t;
    const cpu = process.cpuUsage(cpu0);
    const statements = env.statements.count - st0;
    const after = await countDue(env.db, env.now0);
    out.push({
      round: r + 1, due, ms: round(ms, 1), perSecond: round(due / (ms / 1000), 0),
      prompts: rep.prompts, celebrations: rep.celebrations, skippedStale: rep.skippedStale,
      leftDue: Object.values(after).reduce((a, b) => a + b, 0),
      statementsPerPrompt: round(statements / due, 1),
      cpuMsPerPrompt: round((cpu.user + cpu.system) / 1000 / due, 3),
    });
  }
  const s = summarize(out.map((r) => r.ms));
  const totalMs = out.reduce((a, r) => a + r.ms, 0);
  return { dueEach: due, rounds: out, medianMs: round(s.medianMs, 1), p99Ms: round(s.p99Ms, 1), perSecond: round((due * out.length) / (totalMs / 1000), 0) };
}

export interface EnqueueResult {
  single: { messages: number; perSecond: number };
  batched: { messages: number; perTransaction: number; perSecond: number };
}

/**
 * enqueueMessage: one autocommit INSERT each, then many to a transaction (how the tick
 * writes them). Each part stops early at `maxMs`; the rate is over what ran.
 */
export async function enqueueRate(env: BenchEnv, singleCount: number, batchedCount: number, perTransaction: number, maxMs = Infinity): Promise<EnqueueResult> {
  const now = env.now0;
  const message = (i: number, tag: string) => {
    const p = personSpec(i % env.people);
    return {
      key: `bench-enqueue:${tag}:${i}`, topic: 'reminder' as const, to: { chatId: p.account, kind: 'dm' as const },
      recipientId: p.id, notBefore: now,
      reply: reply('A gentle reminder: there is still time to check in today.', { buttons: [[{ label: 'Check in now', command: '/checkin' }]] }),
    };
  };
  let t = performance.now();
  let single = 0;
  while (single < singleCount && performance.now() - t < maxMs) {
    await enqueueMessage(env.db, env.seal, message(single, 'single'), now);
    single += 1;
  }
  const singleMs = performance.now() - t;

  t = performance.now();
  let batched = 0;
  while (batched < batchedCount && performance.now() - t < maxMs) {
    const start = batched;
    const end = Math.min(start + perTransaction, batchedCount);
    await env.db.transaction().execute(async (trx) => {
      for (let i = start; i < end; i += 1) await enqueueMessage(trx, env.seal, message(i, 'batched'), now);
    });
    batched = end;
  }
  const batchedMs = performance.now() - t;
  return {
    single: { messages: single, perSecond: round(single / (singleMs / 1000), 0) },
    batched: { messages: batched, perTransaction, perSecond: round(batched / (batchedMs / 1000), 0) },
  };
}

export interface CheckinRun {
  checkins: number;
  concurrency: number;
  perSecond: number;
  medianMs: number;
  p99Ms: number;
  /** Replies that were not "Checked in …" (0 expected). */
  unexpected: number;
  /** SQL statements core.handle sent per check-in. */
  statementsPerCheckin: number;
  /** This process's CPU time per check-in (user + system), in ms: steadier than wall time on a busy machine. */
  cpuMsPerCheckin: number;
  /** Stopped early at the time limit (the rate is still over what ran). */
  truncated: boolean;
}

/** Indices of onboarded, unpaused people in recovery, from `from` on. */
export function recoveryPeople(from: number, count: number, limit: number): number[] {
  const out: number[] = [];
  for (let i = from; i < limit && out.length < count; i += 1) {
    const p = personSpec(i);
    if (p.role === 'recovery' && !p.paused) out.push(i);
  }
  return out;
}

/** `/checkin sober mood:4 did:meeting` through core.handle, one distinct person per call, for at most `maxMs`. */
export async function checkins(env: BenchEnv, indices: readonly number[], concurrency: number, tag: string, maxMs = Infinity): Promise<CheckinRun> {
  env.clock.set(new Date(env.now0.getTime() + 60_000));
  let unexpected = 0;
  let done = 0;
  const st0 = env.statements.count;
  const cpu0 = process.cpuUsage();
  const t = performance.now();
  const lat = await runPool(indices, concurrency, async (i) => {
    if (performance.now() - t > maxMs) return false;
    const p = personSpec(i);
    const replies = await env.core.handle({
      account: p.account, displayName: `Person ${i}`, chat: { id: p.account, kind: 'dm' },
      text: '/checkin sober mood:4 did:meeting', idempotencyKey: `bench-update:${tag}:${i}`,
    });
    if (!replies[0]?.text.startsWith('Checked in')) unexpected += 1;
    done += 1;
    return true;
  });
  const ms = performance.now() - t;
  const cpu = process.cpuUsage(cpu0);
  const s = summarize(lat);
  return {
    cpuMsPerCheckin: round((cpu.user + cpu.system) / 1000 / Math.max(done, 1), 3),
    checkins: done, concurrency, perSecond: round(done / (ms / 1000), 0), medianMs: s.medianMs, p99Ms: s.p99Ms, unexpected,
    statementsPerCheckin: round((env.statements.count - st0) / Math.max(done, 1), 1), truncated: done < indices.length,
  };
}

export interface DispatchResult {
  messages: number;
  distinctChats: number;
  sameChatMessages: number;
  limitPerSecond: number;
  seconds: number;
  /** Lower bound set by the limits: (n-1)/30 s overall, (same-1)/1 s for the one busy chat. */
  minimumSeconds: number;
  /** Accepted messages per second between the first and last accept. */
  achievedPerSecond: number;
  fractionOfLimit: number;
  /** The same over the first `distinctChats` accepts only (the stretch the global limit governs). */
  steadyPerSecond: number;
  steadyFractionOfLimit: number;
  status429: number;
  rejectedGlobal: number;
  rejectedPerChat: number;
  minGapMs: number;
  /** Most accepts the server saw inside any sliding 1 s window. */
  maxInAnySecond: number;
  outbox: Record<string, number>;
  cpuPercent: number;
  timedOut: boolean;
}

/**
 * Dispatch through the real Dispatcher loop and RateLimiter to the fake HTTP platform:
 * `distinct` messages to distinct chats with `same` more to one chat interleaved
 * (every 31st row), all due at once.
 */
export async function dispatchThroughput(url: string, distinct: number, same: number, timeoutMs = 120_000): Promise<DispatchResult> {
  const fake = await startFakePlatform();
  const limits = { perSecond: 30, perChatPerSecond: 1 };
  // The clock follows the process clock: the limiter and not_before run on real time.
  const { core, db, seal, clock, close } = await benchCore(url, { clock: new SettableClock(), seed: 3, ports: [httpPlatformPort('fake', fake.url, limits)] });
  const total = distinct + same;
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    let s = 0;
    let d = 0;
    for (let k = 0; k < total; k += 1) {
      const toSame = s < same && (k % 31 === 0 || d >= distinct);
      const chatId = toSame ? 'fake:busy-chat' : `fake:chat-${d}`;
      if (toSame) s += 1; else d += 1;
      await enqueueMessage(trx, seal, {
        key: `dispatch:${k}`, topic: 'answer', to: { chatId, kind: 'dm' }, recipientId: null,
        reply: reply(`Message ${k}: thanks for checking in today.`), notBefore: now,
      }, now);
    }
  });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  core.dispatcher.start();
  let timedOut = false;
  while ((await fake.stats()).accepted < total) {
    if (performance.now() - t0 > timeoutMs) {
      timedOut = true;
      break;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  await core.dispatcher.stop();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const stats = await fake.stats(true);
  fake.stop();
  const outbox = await outboxCounts(db);
  await close({ keepFiles: true });

  const log = stats.received;
  const span = (a: number, b: number) => (log[b]!.at - log[a]!.at) / 1000;
  let minGap = Infinity;
  let maxWin = 0;
  for (let i = 1; i < log.length; i += 1) minGap = Math.min(minGap, log[i]!.at - log[i - 1]!.at);
  for (let i = 0, j = 0; i < log.length; i += 1) {
    while (log[i]!.at - log[j]!.at >= 1000) j += 1;
    maxWin = Math.max(maxWin, i - j + 1);
  }
  const achieved = log.length > 1 ? (log.length - 1) / span(0, log.length - 1) : 0;
  const steadyN = Math.min(distinct, log.length);
  const steady = steadyN > 1 ? (steadyN - 1) / span(0, steadyN - 1) : 0;
  return {
    messages: total, distinctChats: distinct, sameChatMessages: same, limitPerSecond: 30,
    seconds: round(wall / 1000, 2),
    minimumSeconds: round(Math.max((total - 1) / 30, same - 1), 2),
    achievedPerSecond: round(achieved, 2), fractionOfLimit: round(achieved / 30, 3),
    steadyPerSecond: round(steady, 2), steadyFractionOfLimit: round(steady / 30, 3),
    status429: stats.rejected429, rejectedGlobal: stats.rejectedGlobal, rejectedPerChat: stats.rejectedPerChat,
    minGapMs: round(minGap, 2), maxInAnySecond: maxWin,
    outbox,
    cpuPercent: round(((cpu.user + cpu.system) / 1000 / wall) * 100, 1),
    timedOut,
  };
}

/**
 * Starts bench/fake-platform-server.ts in its own process (its own event loop and clock), with
 * its limits: per second, per chat per second, and optionally per group per minute.
 */
export async function startFakePlatform(limits: readonly number[] = [30, 1]): Promise<{ url: string; stats(full?: boolean): Promise<HttpPlatformStats & { received: Received[] }>; stop(): void }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'bench/fake-platform-server.ts', ...limits.map(String)], {
    stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NODE_OPTIONS: '' },
  });
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: proc.stdout! });
    lines.once('line', (l) => resolve(l.trim()));
    proc.once('exit', (code) => reject(new Error(`fake platform exited with ${code}`)));
  });
  return {
    url,
    async stats(full = false) {
      const r = await fetch(new URL(`/stats${full ? '?full' : ''}`, url));
      return await r.json() as HttpPlatformStats & { received: Received[] };
    },
    stop() {
      proc.kill('SIGTERM');
    },
  };
}
