/*
 * npm run bench — the scheduler and delivery benchmark (issue 3 item 7; PostgreSQL
 * figures beside SQLite's for issue 6). Prints figures and writes the same as JSON to
 * ./data/bench-results.json. It never asserts a timing: the targets are printed beside
 * the figures for a reader to judge.
 *
 *   npm run bench                                 SQLite only
 *   DATABASE_URL=postgres://… npm run bench       SQLite, then PostgreSQL beside it
 *   npm run bench -- --postgres [--pg-url URL]    the same, default URL postgres://postgres@127.0.0.1:5432/test
 *   options: --people N (default 100000)  --pg-people N (default 20000)  --pg-due N (default 2000)
 *            --cron-jobs N (default: people)  --quick (smaller, for trying it out)  --keep (keep the SQLite files)
 *            --only startup (only (k), the production start: bench/startup.ts)
 *            --only instances   only (h), three instances on one bot token (needs PostgreSQL)
 *   npm run bench -- --only delivery [--sos-trials N] [--sos-backlog N] [--wave N]   just (g) and (i) (issue 14)
 *            --only pg-scale  (issue 14: check-ins with statements/round trips, (a) and (j) only)  --million N (default 1000000)
 */
import { createPgSchema, type PgSchema } from '../test/helpers/pg-schema.js';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import {
  checkins, dispatchThroughput, enqueueRate, makeEnv, recoveryPeople, tickDue, tickNothingDue,
  type BenchEnv, type CheckinRun, type DispatchResult, type DueTickResult, type EnqueueResult, type IdleTickResult,
} from './scenarios.js';
import type { SeedResult } from '../test/helpers/seed-people.js';
import { fmt, mb, round, RssSampler } from './stats.js';
import { runStartupBench, startupRows } from './startup.js'; // (k)
import { describeInstances, instancesDispatch, instancesRows, type InstancesResult } from './instances.js';
import { floodBudget, type FloodBudgetResult } from './flood-budget.js'; // issue 14 item 2
import { claimWave, sosDuringFlood, type SosTrials, type WaveClaim } from './delivery-fairness.js';
// ---- issue 14: PostgreSQL speed (pg-scale) — import ----
import { pgScale, pgScaleRows, type PgScaleResult } from './pg-scale.js';
import { existsSync } from 'node:fs';
// ---- end pg-scale import ----

const run = promisify(execFile);

// ---- options ---------------------------------------------------------------------------
const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const quick = flag('quick');
const PEOPLE = Number(option('people') ?? (quick ? 20_000 : 100_000));
const PG_PEOPLE = Number(option('pg-people') ?? 20_000);
const envUrl = process.env.DATABASE_URL && /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL) ? process.env.DATABASE_URL : undefined;
const PG_URL = option('pg-url') ?? envUrl ?? (flag('postgres') ? 'postgres://postgres@127.0.0.1:5432/test' : undefined);
const KEEP = flag('keep');
/** `--only NAME` runs one part: startup, instances, delivery or pg-scale. */
const ONLY = option('only');
const CRON_JOBS = Number(option('cron-jobs') ?? PEOPLE);
const CONCURRENCY = 8;
const DISPATCH_DISTINCT = 600;
const DISPATCH_SAME = 20;
const ENQ_PER_TX = 500;

/** How much of each phase to run against one database; every part is also capped in time. */
interface Sizes {
  idleTicks: number;
  due: number;
  dueRounds: number;
  enqueueSingle: number;
  enqueueBatched: number;
  checkins: number;
  /** Cap per enqueue or check-in part, so a slow database keeps the run bounded. */
  partMaxMs: number;
}
const SQLITE_SIZES: Sizes = quick
  ? { idleTicks: 200, due: Math.min(10_000, Math.floor(PEOPLE / 2)), dueRounds: 2, enqueueSingle: 5_000, enqueueBatched: 10_000, checkins: 3_000, partMaxMs: 15_000 }
  : { idleTicks: 1_000, due: Math.min(10_000, Math.floor(PEOPLE / 2)), dueRounds: 3, enqueueSingle: 20_000, enqueueBatched: 50_000, checkins: 10_000, partMaxMs: 30_000 };
// PostgreSQL pays a round trip per statement and a WAL flush per commit, so it gets fewer rows per phase (rates stay comparable).
const PG_SIZES: Sizes = quick
  ? { idleTicks: 200, due: 1_000, dueRounds: 2, enqueueSingle: 1_000, enqueueBatched: 5_000, checkins: 1_000, partMaxMs: 10_000 }
  : { idleTicks: 500, due: Number(option('pg-due') ?? 2_000), dueRounds: 2, enqueueSingle: 3_000, enqueueBatched: 20_000, checkins: 3_000, partMaxMs: 20_000 };
/** The instant the population is seeded at: a Wednesday morning UTC, away from DST changes and Sunday summaries. */
const T0 = new Date('2026-06-10T09:30:00.000Z');

const DIR = join('data', 'bench');
const RESULTS = join('data', 'bench-results.json');

// ---- helpers ---------------------------------------------------------------------------
const started = performance.now();
const rss = new RssSampler();
const loadAtStart = loadavg();
/** Where this process's memory stood at the end of each phase (RSS does not shrink back readily). */
const snapshots: { phase: string; rssMb: number; heapUsedMb: number; heapTotalMb: number; externalMb: number; phasePeakRssMb: number }[] = [];
function snapshot(phase: string, phasePeak: number) {
  const m = process.memoryUsage();
  snapshots.push({ phase, rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), heapTotalMb: mb(m.heapTotal), externalMb: mb(m.external), phasePeakRssMb: mb(phasePeak) });
}
function say(line: string) {
  const s = ((performance.now() - started) / 1000).toFixed(1).padStart(6);
  console.log(`[${s}s] ${line}`);
}

async function child<T>(script: string, args: string[], exposeGc = true): Promise<T> {
  const { stdout } = await run(process.execPath, [...(exposeGc ? ['--expose-gc'] : []), '--import', 'tsx', join('bench', script), ...args], {
    maxBuffer: 16 * 1024 * 1024, env: { ...process.env, NODE_OPTIONS: '' },
  });
  const last = stdout.trim().split('\n').pop()!;
  return JSON.parse(last) as T;
}

/** The tick child bundled with esbuild (tsx's dependency) and run by plain node: the bot as it would run compiled, without tsx's loader. */
async function compiledChild<T>(script: string, args: string[]): Promise<T | { error: string }> {
  const out = join(DIR, script.replace(/\.ts$/, '.mjs'));
  try {
    await run(join('node_modules', '.bin', 'esbuild'), [join('bench', script), '--bundle', '--platform=node', '--format=esm', '--packages=external', `--outfile=${out}`, '--log-level=warning']);
    const { stdout } = await run(process.execPath, ['--expose-gc', out, ...args], { maxBuffer: 16 * 1024 * 1024, env: { ...process.env, NODE_OPTIONS: '' } });
    return JSON.parse(stdout.trim().split('\n').pop()!) as T;
  } catch (e) {
    return { error: (e as Error).message.split('\n')[0]! };
  } finally {
    rmSync(out, { force: true });
  }
}

function removeSqlite(file: string) {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
}

interface DbFigures {
  dialect: 'sqlite' | 'postgres';
  people: number;
  sizes: Sizes;
  seed: SeedResult;
  idleTickBeforeAnalyze: (IdleTickResult & { autoanalyzed: boolean }) | null;
  idleTick: IdleTickResult;
  dueTick: DueTickResult;
  idleTickAfter: IdleTickResult;
  enqueue: EnqueueResult;
  checkinsSequential: CheckinRun;
  checkinsConcurrent: CheckinRun;
  peakRssBytes: number;
}

/** Phases (a), (b) and (d) against one database. */
async function measureDatabase(dialect: 'sqlite' | 'postgres', url: string, people: number, z: Sizes): Promise<DbFigures> {
  say(`${dialect}: seeding ${people.toLocaleString('en-US')} people across real time zones…`);
  let peak = 0;
  const phase = (name: string) => {
    const p = rss.endPhase();
    peak = Math.max(peak, p);
    snapshot(`${dialect}: ${name}`, p);
  };
  // Seeded by a child process (same code), so this process's memory is the core's.
  const seed = await child<SeedResult & { maxRssBytes: number }>('seed-child.ts', [url, String(people), T0.toISOString()], false);
  phase('seed (in a child process)');
  say(`${dialect}: seeded in ${(seed.ms / 1000).toFixed(1)} s (${fmt(seed.rowsPerSecond, 0)} rows/s: people, accounts, sobriety periods, ${seed.milestones.toLocaleString('en-US')} past milestones)`);
  const env = await makeEnv(url, T0, people);
  try {
    return await measureOn(env, dialect, z, seed, phase, () => peak);
  } finally {
    await env.close({ keepFiles: true });
  }
}

/** The phases themselves, on a core over the seeded population. */
async function measureOn(
  env: BenchEnv, dialect: 'sqlite' | 'postgres', z: Sizes, seed: SeedResult, phase: (name: string) => void, peak: () => number,
): Promise<DbFigures> {
  const { db, people } = env;
  rss.endPhase();
  let idleTickBeforeAnalyze: (IdleTickResult & { autoanalyzed: boolean }) | null = null;
  if (dialect === 'postgres') {
    // A bulk-loaded table has no planner statistics until autovacuum gets to it: measure that, then ANALYZE as a running system would have.
    const st = await sql<{ analyzed: boolean }>`select (last_autoanalyze is not null) as analyzed from pg_stat_user_tables where relname = 'people' and schemaname = current_schema()`.execute(db);
    idleTickBeforeAnalyze = { ...(await tickNothingDue(env, 50, 5)), autoanalyzed: st.rows[0]?.analyzed ?? false };
    say(`${dialect}: tick, nothing due, before ANALYZE${idleTickBeforeAnalyze.autoanalyzed ? ' (autovacuum had analyzed people already)' : ' (no planner statistics yet)'}: median ${fmt(idleTickBeforeAnalyze.medianMs, 3)} ms`);
    await sql`analyze`.execute(db);
  }

  const idleTick = await tickNothingDue(env, z.idleTicks);
  say(`${dialect}: tick, nothing due: median ${fmt(idleTick.medianMs, 3)} ms, p99 ${fmt(idleTick.p99Ms, 3)} ms, max ${fmt(idleTick.maxMs, 3)} ms over ${idleTick.n} ticks`);
  phase('ticks, nothing due');
  const dueTick = await tickDue(env, z.due, z.dueRounds);
  phase(`ticks, ${z.due} due`);
  for (const r of dueTick.rounds) {
    say(`${dialect}: tick, ${r.due.toLocaleString('en-US')} due (round ${r.round}): ${fmt(r.ms, 0)} ms = ${fmt(r.perSecond, 0)} prompts/s; ${r.prompts} prompts, ${r.celebrations} celebrations enqueued, ${r.leftDue} left due; ${r.statementsPerPrompt} statements and ${r.cpuMsPerPrompt} ms CPU per person`);
  }
  const idleTickAfter = await tickNothingDue(env, Math.min(z.idleTicks, 200));
  say(`${dialect}: tick, nothing due, after the due rounds: median ${fmt(idleTickAfter.medianMs, 3)} ms, p99 ${fmt(idleTickAfter.p99Ms, 3)} ms`);

  const enqueue = await enqueueRate(env, z.enqueueSingle, z.enqueueBatched, ENQ_PER_TX, z.partMaxMs);
  phase('enqueue');
  say(`${dialect}: enqueue: ${fmt(enqueue.single.perSecond, 0)} msg/s one per statement (${enqueue.single.messages.toLocaleString('en-US')}), ${fmt(enqueue.batched.perSecond, 0)} msg/s ${ENQ_PER_TX} per transaction (${enqueue.batched.messages.toLocaleString('en-US')})`);

  const pool = recoveryPeople(0, z.checkins * 2, people);
  const checkinsSequential = await checkins(env, pool.slice(0, z.checkins), 1, 'seq', z.partMaxMs);
  say(`${dialect}: check-ins, sequential: ${fmt(checkinsSequential.perSecond, 0)}/s, median ${fmt(checkinsSequential.medianMs)} ms, p99 ${fmt(checkinsSequential.p99Ms)} ms (${checkinsSequential.checkins.toLocaleString('en-US')} people, ${checkinsSequential.statementsPerCheckin} statements and ${checkinsSequential.cpuMsPerCheckin} ms CPU each)`);
  const checkinsConcurrent = await checkins(env, pool.slice(z.checkins, z.checkins * 2), CONCURRENCY, 'conc', z.partMaxMs);
  phase('check-ins');
  say(`${dialect}: check-ins, ${CONCURRENCY} at a time: ${fmt(checkinsConcurrent.perSecond, 0)}/s, median ${fmt(checkinsConcurrent.medianMs)} ms, p99 ${fmt(checkinsConcurrent.p99Ms)} ms (${checkinsConcurrent.checkins.toLocaleString('en-US')} people)`);
  return {
    dialect, people, sizes: z, seed, idleTickBeforeAnalyze, idleTick, dueTick, idleTickAfter, enqueue, checkinsSequential, checkinsConcurrent,
    peakRssBytes: peak(),
  };
}

interface CronChild {
  mode: string; count: number; gcAvailable: boolean; scheduleMs: number; destroyMs: number;
  heapDelta: number; rssDelta: number; maxRssBytes: number;
}
interface TickChild {
  people: number; ticks: number; work: number; tickMs: number; gcAvailable: boolean;
  heapDelta: number; rssDelta: number; maxRssBytes: number;
  busy: { due: number; tickMs: number | null; checkins: number; checkinsPerSecond: number; maxRssBytes: number } | null;
}

// ==== (h) three instances, one bot token (issue 14 item 3; bench/instances.ts) ============
async function measureInstances(): Promise<{ result: InstancesResult | null; rows: ReturnType<typeof instancesRows> }> {
  if (!PG_URL) return { result: null, rows: instancesRows(null, 'not run (needs PostgreSQL)') };
  say('instances: three instances on one PostgreSQL schema and one bot token, to the fake platform (30/s, 1/s per chat, 20/min per group)…');
  try {
    const result = await instancesDispatch(PG_URL);
    say(describeInstances(result));
    return { result, rows: instancesRows(result, '') };
  } catch (e) {
    say(`instances: failed: ${(e as Error).message}`);
    return { result: null, rows: instancesRows(null, 'failed') };
  }
}
/** `--only instances`: (h) alone, printed, and merged into data/bench-results.json. */
async function onlyInstances(): Promise<void> {
  const { result, rows } = await measureInstances();
  for (const r of rows) console.log(`${r[0]}  ${r[2]}  target ${r[3]}  ${r[4]}`);
  let results: Record<string, unknown> = {};
  try { results = JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>; } catch { /* no earlier run */ }
  const table = ((results.table as { figure: string }[] | undefined) ?? []).filter((r) => !r.figure.startsWith('(h)'));
  results = { ...results, instances: result, table: [...table, ...rows.map((r) => ({ figure: r[0], sqlite: r[1], postgres: r[2], target: r[3], verdict: r[4] }))] };
  mkdirSync('data', { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
}
// ==== end (h) =============================================================================

// ---- delivery under pressure (issue 14: (g) SOS during a flood, (i) claiming a 20:00 wave) ----
// `--only delivery` runs just this part; sizes: --sos-trials N (20), --sos-backlog N (5000), --wave N (100000).
interface DeliveryFigures {
  sos: { sqlite: SosTrials[]; postgres: SosTrials[] | null };
  wave: { sqlite: WaveClaim; postgres1: WaveClaim | null; postgres3: WaveClaim | null };
  error: string | null;
}
const count = (x: number) => x.toLocaleString('en-US');
async function measureDelivery(): Promise<DeliveryFigures> {
  const trials = Number(option('sos-trials') ?? 20);
  const backlog = Number(option('sos-backlog') ?? 5_000);
  const waveRows = Number(option('wave') ?? 100_000);
  const out: DeliveryFigures = { sos: { sqlite: [], postgres: null }, wave: { sqlite: null as unknown as WaveClaim, postgres1: null, postgres3: null }, error: null };
  const sosLine = (d: string, r: SosTrials) => say(`delivery: ${d}: SOS while a group floods (${r.floodQueued} queued${r.backlogPrompts ? `, ${count(r.backlogPrompts)} prompts due` : ''}): p50 ${fmt(r.p50Ms, 0)} ms, p99 ${fmt(r.p99Ms, 0)} ms, max ${fmt(r.maxMs, 0)} ms over ${r.trials}; the group got ${r.groupSent} (its limit allows ${r.groupAllowed}); ${r.roundsPerSecond} rounds/s`);
  const waveLine = (d: string, r: WaveClaim) => say(`delivery: ${d}: ${count(r.rows)} due prompts claimed by ${r.instances} instance(s) in ${fmt(r.ms / 1000, 2)} s (${count(r.perSecond)}/s, batches of ${r.batch}; per instance ${r.perInstance.map(count).join(' / ')}; left ${r.missed}, doubled ${r.doubled})`);
  for (const b of [0, backlog]) {
    const r = await sosDuringFlood(`sqlite:${join(DIR, 'delivery-sos.db')}`, { trials, backlogPrompts: b });
    out.sos.sqlite.push(r);
    sosLine('sqlite', r);
  }
  out.wave.sqlite = await claimWave([`sqlite:${join(DIR, 'delivery-wave.db')}`], waveRows);
  waveLine('sqlite', out.wave.sqlite);
  for (const f of ['delivery-sos.db', 'delivery-wave.db']) removeSqlite(join(DIR, f));
  if (PG_URL) {
    try {
      out.sos.postgres = [];
      for (const b of [0, backlog]) {
        const schema = await createPgSchema(PG_URL, 'bench_sos');
        try {
          const r = await sosDuringFlood(schema.url, { trials, backlogPrompts: b });
          out.sos.postgres.push(r);
          sosLine('postgres', r);
        } finally {
          await schema.drop();
        }
      }
      for (const k of [1, 3] as const) {
        const schema = await createPgSchema(PG_URL, 'bench_wave');
        try {
          const r = await claimWave(Array.from({ length: k }, () => schema.url), waveRows);
          if (k === 1) out.wave.postgres1 = r; else out.wave.postgres3 = r;
          waveLine('postgres', r);
        } finally {
          await schema.drop();
        }
      }
    } catch (e) {
      out.error = (e as Error).message;
      say(`delivery: postgres failed: ${out.error}`);
    }
  }
  return out;
}
type DeliveryRow = [string, string, string, string, string];
function deliveryRows(d: DeliveryFigures): DeliveryRow[] {
  const rows: DeliveryRow[] = [];
  const met = (b: boolean) => (b ? 'met' : 'NOT met');
  const pgSos = (i: number, f: (r: SosTrials) => string) => (d.sos.postgres?.[i] ? f(d.sos.postgres[i]) : PG_URL ? 'failed' : 'not run');
  d.sos.sqlite.forEach((r, i) => {
    const what = r.backlogPrompts ? `, ${count(r.backlogPrompts)} prompts due` : '';
    const pg = d.sos.postgres?.[i];
    rows.push([`(g) SOS during a group flood${what}: p50 (${r.trials} trials)`, `${fmt(r.p50Ms, 0)} ms`, pgSos(i, (p) => `${fmt(p.p50Ms, 0)} ms`), '—', '']);
    rows.push([`(g) SOS during a group flood${what}: p99`, `${fmt(r.p99Ms, 0)} ms`, pgSos(i, (p) => `${fmt(p.p99Ms, 0)} ms`), '< 2 s',
      met(r.p99Ms < 2_000) + (pg ? ` / ${met(pg.p99Ms < 2_000)}` : '')]);
  });
  const w = d.wave;
  rows.push([`(i) claim a wave of ${count(w.sqlite.rows)} due prompts, 1 instance`, `${fmt(w.sqlite.ms / 1000, 2)} s`, w.postgres1 ? `${fmt(w.postgres1.ms / 1000, 2)} s` : PG_URL ? 'failed' : 'not run',
    '< 10 s (SQLite)', met(w.sqlite.ms < 10_000)]);
  rows.push(['(i) the same wave, 3 instances', '', w.postgres3 ? `${fmt(w.postgres3.ms / 1000, 2)} s (${w.postgres3.perInstance.map(count).join(' / ')})` : PG_URL ? 'failed' : 'not run',
    '3 faster than 1 (PostgreSQL)', w.postgres1 && w.postgres3 ? met(w.postgres3.ms < w.postgres1.ms) : '']);
  return rows;
}
async function onlyDelivery(): Promise<void> {
  mkdirSync(DIR, { recursive: true });
  say(`delivery only: node ${process.version}, ${cpus().length} CPUs, load average ${loadAtStart[0]!.toFixed(2)}`);
  const d = await measureDelivery();
  const rows = deliveryRows(d);
  printRows(rows);
  say(`load average ${loadAtStart[0]!.toFixed(2)} at start, ${loadavg()[0]!.toFixed(2)} at end; results merged into ${RESULTS}`);
  // Merged into the last full run's file: this part's figures and table rows replaced, the rest kept.
  let previous: { table?: { figure: string }[] } & Record<string, unknown> = {};
  try {
    previous = JSON.parse(readFileSync(RESULTS, 'utf8')) as typeof previous;
  } catch { /* no earlier run */ }
  const table = [...(previous.table ?? []).filter((r) => !/^\((g|i)\) /.test(r.figure)), ...rows.map((r) => ({ figure: r[0], sqlite: r[1], postgres: r[2], target: r[3], verdict: r[4] }))];
  writeFileSync(RESULTS, `${JSON.stringify({ ...previous, delivery: { ...d, generatedAt: new Date().toISOString(), loadAverage: [loadAtStart[0], loadavg()[0]] }, table }, null, 2)}\n`);
}
// ---- end of delivery under pressure ----

// ---- the run ---------------------------------------------------------------------------
async function main() {
  if (ONLY === 'instances') return onlyInstances(); // (h)
  mkdirSync(DIR, { recursive: true });
  // ---- issue 14: pg-scale, alone with --only pg-scale ----
  if (ONLY === 'pg-scale') {
    const r = await runPgScale();
    printRows(pgScaleRows(r, CONCURRENCY));
    const prev = existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown> : {};
    writeFileSync(RESULTS, `${JSON.stringify({ ...prev, pgScale: { generatedAt: new Date().toISOString(), loadAverage: loadavg().map((x) => round(x, 2)), ...r } }, null, 2)}\n`);
    say(`pg-scale results in ${RESULTS} (key pgScale); load average ${loadAtStart[0]!.toFixed(2)} at start, ${loadavg()[0]!.toFixed(2)} at end`);
    return;
  }
  // ---- end pg-scale ----
  rss.start();
  snapshot('start (modules loaded under tsx)', rss.endPhase());
  say(`Steadfast benchmark: ${PEOPLE.toLocaleString('en-US')} people on SQLite${PG_URL ? `, ${PG_PEOPLE.toLocaleString('en-US')} on PostgreSQL` : ''}; node ${process.version}, ${cpus().length} CPUs, load average ${loadAtStart[0]!.toFixed(2)}`);

  // ---- (k) the production start: bench/startup.ts. First, while the machine is quietest; ------
  // `--only startup` runs only this, prints its rows and adds them to the results file.
  const startup = await runStartupBench({ quick, only: ONLY, say, resultsFile: RESULTS });
  if (ONLY === 'startup') return;
  // ---- end (k) ----------------------------------------------------------------------------

  // (a) (b) (d) on SQLite
  const bigFile = join(DIR, 'people.db');
  removeSqlite(bigFile);
  const sqlite = await measureDatabase('sqlite', `sqlite:${bigFile}`, PEOPLE, SQLITE_SIZES);

  // (c) dispatch, on its own SQLite file so only its messages are queued
  const dispatchFile = join(DIR, 'dispatch.db');
  removeSqlite(dispatchFile);
  say(`dispatch: ${DISPATCH_DISTINCT} messages to distinct chats and ${DISPATCH_SAME} to one chat, through the fake platform (30/s, 1/s per chat)…`);
  const dispatch: DispatchResult = await dispatchThroughput(`sqlite:${dispatchFile}`, DISPATCH_DISTINCT, DISPATCH_SAME);
  say(`dispatch: ${fmt(dispatch.achievedPerSecond)} msg/s overall (${fmt(dispatch.fractionOfLimit * 100, 1)}% of 30/s), ${fmt(dispatch.steadyPerSecond)} msg/s over the first ${DISPATCH_DISTINCT} (${fmt(dispatch.steadyFractionOfLimit * 100, 1)}%), ${dispatch.status429} × 429, ${fmt(dispatch.seconds)} s (limits allow ${fmt(dispatch.minimumSeconds)} s)`);
  const dispatchPeak = rss.endPhase();
  snapshot('dispatch', dispatchPeak);

  // (e) this process's peak so far: the harness (seeding included) and the core ran in it
  const sqlitePeakRss = Math.max(rss.peak, process.resourceUsage().maxRSS * 1024);
  say(`peak RSS of this process (the core under tsx, with the harness) through the SQLite phases: ${mb(sqlitePeakRss)} MB`);

  // (e) and (f): a core on its own, and one cron job per person, each in a clean child process
  const smallFile = join(DIR, 'small.db');
  removeSqlite(smallFile);
  await child<SeedResult>('seed-child.ts', [`sqlite:${smallFile}`, '1000', T0.toISOString()], false);
  say(`memory: a core ticking over the ${PEOPLE.toLocaleString('en-US')}-person file vs a 1,000-person file (child processes under tsx, --expose-gc)…`);
  const tickBig = await child<TickChild>('tick-child.ts', [bigFile, T0.toISOString(), '200']);
  const tickSmall = await child<TickChild>('tick-child.ts', [smallFile, T0.toISOString(), '200']);
  say(`memory: tick approach adds ${mb(tickBig.rssDelta)} MB RSS / ${mb(tickBig.heapDelta)} MB heap with ${tickBig.people.toLocaleString('en-US')} people, ${mb(tickSmall.rssDelta)} MB / ${mb(tickSmall.heapDelta)} MB with ${tickSmall.people.toLocaleString('en-US')}; process peak ${mb(tickBig.maxRssBytes)} MB under tsx`);
  say('memory: the same core bundled by esbuild, run by plain node, idling and then a busy minute (10,000 due, 2,000 check-ins)…');
  const compiled = await compiledChild<TickChild>('tick-child.ts', [bigFile, T0.toISOString(), '200', 'work']);
  const compiledOk = 'error' in compiled ? null : compiled;
  const compiledPeak = compiledOk ? compiledOk.busy?.maxRssBytes ?? compiledOk.maxRssBytes : null;
  if (compiledOk) {
    say(`memory: compiled core: peak RSS ${mb(compiledOk.maxRssBytes)} MB idle, ${mb(compiledPeak!)} MB after the busy minute (tick ${fmt(compiledOk.busy?.tickMs ?? null, 0)} ms, ${fmt(compiledOk.busy?.checkinsPerSecond ?? null, 0)} check-ins/s)`);
  } else {
    say(`memory: compiled core not measured: ${(compiled as { error: string }).error}`);
  }
  say(`memory: scheduling ${CRON_JOBS.toLocaleString('en-US')} node-cron jobs (started), then created but not started…`);
  const cronStarted = await child<CronChild>('cron-child.ts', ['started', String(CRON_JOBS)]);
  say(`memory: ${CRON_JOBS.toLocaleString('en-US')} started cron jobs: ${fmt(cronStarted.scheduleMs / 1000)} s to schedule, +${mb(cronStarted.rssDelta)} MB RSS, +${mb(cronStarted.heapDelta)} MB heap, process peak ${mb(cronStarted.maxRssBytes)} MB`);
  const cronCreated = await child<CronChild>('cron-child.ts', ['created', String(CRON_JOBS)]);
  say(`memory: ${CRON_JOBS.toLocaleString('en-US')} created cron jobs: ${fmt(cronCreated.scheduleMs / 1000)} s, +${mb(cronCreated.rssDelta)} MB RSS, +${mb(cronCreated.heapDelta)} MB heap`);

  // PostgreSQL beside SQLite
  let postgres: DbFigures | null = null;
  let pgError: string | null = null;
  if (PG_URL) {
    let schema: PgSchema | null = null;
    try {
      schema = await createPgSchema(PG_URL, 'bench');
      rss.endPhase();
      postgres = await measureDatabase('postgres', schema.url, PG_PEOPLE, PG_SIZES);
    } catch (e) {
      pgError = (e as Error).message;
      say(`postgres: failed: ${pgError}`);
    } finally {
      await schema?.drop().catch(() => {});
    }
  }
  const instances = await measureInstances(); // (h)
  // ---- delivery under pressure (issue 14) ----
  const delivery = await measureDelivery();
  // ---- end of delivery under pressure ----
  // ---- issue 14: pg-scale ----
  const pgScaleResult = await runPgScale();
  // ---- end pg-scale ----
  rss.stop();
  if (!KEEP) for (const f of [bigFile, dispatchFile, smallFile]) removeSqlite(f);

  const totalSeconds = round((performance.now() - started) / 1000, 1);
  const memRatioRss = cronStarted.rssDelta / Math.max(tickBig.rssDelta, 1);
  const memRatioHeap = cronStarted.heapDelta / Math.max(tickBig.heapDelta, 1);

  // ---- the table ------------------------------------------------------------------------
  const pgv = (f: (d: DbFigures) => string) => (postgres ? f(postgres) : PG_URL ? 'failed' : 'not run');
  const rows: Row[] = [];
  const ok = (b: boolean) => (b ? 'met' : 'NOT met');
  const n = (x: number) => x.toLocaleString('en-US');
  const LIMIT = 150 * 1024 * 1024;
  rows.push(['people seeded', `${n(sqlite.people)} in ${fmt(sqlite.seed.ms / 1000, 1)} s`, pgv((d) => `${n(d.people)} in ${fmt(d.seed.ms / 1000, 1)} s`), '—', '']);
  rows.push(['(a) tick, nothing due: median', `${fmt(sqlite.idleTick.medianMs, 3)} ms`, pgv((d) => `${fmt(d.idleTick.medianMs, 3)} ms`), '—', '']);
  rows.push(['(a) tick, nothing due: p99', `${fmt(sqlite.idleTick.p99Ms, 3)} ms`, pgv((d) => `${fmt(d.idleTick.p99Ms, 3)} ms`), '< 10 ms',
    ok(sqlite.idleTick.p99Ms < 10) + (postgres ? ` / ${ok(postgres.idleTick.p99Ms < 10)}` : '')]);
  if (postgres?.idleTickBeforeAnalyze) {
    rows.push(['(a) tick, nothing due, before ANALYZE: median', '', `${fmt(postgres.idleTickBeforeAnalyze.medianMs, 3)} ms`, '—', '']);
  }
  rows.push(['(a) tick, N due: N', n(sqlite.dueTick.dueEach), pgv((d) => n(d.dueTick.dueEach)), '—', '']);
  rows.push(['(a) tick, N due: median / p99 (rounds)', `${fmt(sqlite.dueTick.medianMs, 0)} / ${fmt(sqlite.dueTick.p99Ms, 0)} ms (${sqlite.dueTick.rounds.length})`,
    pgv((d) => `${fmt(d.dueTick.medianMs, 0)} / ${fmt(d.dueTick.p99Ms, 0)} ms (${d.dueTick.rounds.length})`), '—', '']);
  rows.push(['(a) tick, due: prompts claimed per second', `${fmt(sqlite.dueTick.perSecond, 0)}/s`, pgv((d) => `${fmt(d.dueTick.perSecond, 0)}/s`), '—', '']);
  rows.push(['(a) statements per due prompt', fmt(sqlite.dueTick.rounds[0]?.statementsPerPrompt ?? null, 1), pgv((d) => fmt(d.dueTick.rounds[0]?.statementsPerPrompt ?? null, 1)), '—', '']);
  rows.push(['(a) CPU ms per due prompt (this process)', fmt(sqlite.dueTick.rounds[0]?.cpuMsPerPrompt ?? null, 3), pgv((d) => fmt(d.dueTick.rounds[0]?.cpuMsPerPrompt ?? null, 3)), '—', '']);
  rows.push(['(b) enqueue, one per statement', `${fmt(sqlite.enqueue.single.perSecond, 0)} msg/s`, pgv((d) => `${fmt(d.enqueue.single.perSecond, 0)} msg/s`), '—', '']);
  rows.push([`(b) enqueue, ${ENQ_PER_TX} per transaction`, `${fmt(sqlite.enqueue.batched.perSecond, 0)} msg/s`, pgv((d) => `${fmt(d.enqueue.batched.perSecond, 0)} msg/s`), '—', '']);
  rows.push(['(c) dispatch: share of 30/s, all 620', `${fmt(dispatch.fractionOfLimit * 100, 1)}% (${fmt(dispatch.achievedPerSecond)}/s)`, '', '≥ 95%', ok(dispatch.fractionOfLimit >= 0.95)]);
  rows.push([`(c) dispatch: share of 30/s, first ${DISPATCH_DISTINCT}`, `${fmt(dispatch.steadyFractionOfLimit * 100, 1)}% (${fmt(dispatch.steadyPerSecond)}/s)`, '', '≥ 95%', ok(dispatch.steadyFractionOfLimit >= 0.95)]);
  rows.push(['(c) dispatch: 429s provoked', String(dispatch.status429), '', '0', ok(dispatch.status429 === 0)]);
  rows.push(['(d) check-ins/s, sequential', `${fmt(sqlite.checkinsSequential.perSecond, 0)}/s`, pgv((d) => `${fmt(d.checkinsSequential.perSecond, 0)}/s`), '≥ 2,000/s',
    ok(sqlite.checkinsSequential.perSecond >= 2000) + (postgres ? ` / ${ok(postgres.checkinsSequential.perSecond >= 2000)}` : '')]);
  rows.push([`(d) check-ins/s, ${CONCURRENCY} at a time`, `${fmt(sqlite.checkinsConcurrent.perSecond, 0)}/s`, pgv((d) => `${fmt(d.checkinsConcurrent.perSecond, 0)}/s`), '≥ 2,000/s',
    ok(sqlite.checkinsConcurrent.perSecond >= 2000) + (postgres ? ` / ${ok(postgres.checkinsConcurrent.perSecond >= 2000)}` : '')]);
  rows.push(['(d) check-in p99 latency, seq / concurrent', `${fmt(sqlite.checkinsSequential.p99Ms)} / ${fmt(sqlite.checkinsConcurrent.p99Ms)} ms`,
    pgv((d) => `${fmt(d.checkinsSequential.p99Ms)} / ${fmt(d.checkinsConcurrent.p99Ms)} ms`), '—', '']);
  rows.push(['(d) CPU ms per check-in, seq (this process)', fmt(sqlite.checkinsSequential.cpuMsPerCheckin, 3), pgv((d) => fmt(d.checkinsSequential.cpuMsPerCheckin, 3)), '≤ 0.5 for 2,000/s', '']);
  rows.push(['(d) statements per check-in', fmt(sqlite.checkinsSequential.statementsPerCheckin, 1), pgv((d) => fmt(d.checkinsSequential.statementsPerCheckin, 1)), '—', '']);
  rows.push(['(e) peak RSS, compiled core, idle then busy', compiledPeak === null ? 'not measured' : `${mb(compiledOk!.maxRssBytes)} → ${mb(compiledPeak)} MB`, '', '< 150 MB', compiledPeak === null ? '' : ok(compiledPeak < LIMIT)]);
  rows.push(['(e) peak RSS, core under tsx, idle', `${mb(tickBig.maxRssBytes)} MB`, '', '< 150 MB', ok(tickBig.maxRssBytes < LIMIT)]);
  rows.push(['(e) peak RSS, bench process: core (a)-(d) under tsx', `${mb(sqlitePeakRss)} MB`, pgv((d) => `${mb(d.peakRssBytes)} MB`), '< 150 MB', ok(sqlitePeakRss < LIMIT)]);
  rows.push([`(f) ${n(CRON_JOBS)} cron jobs: time to schedule`, `${fmt(cronStarted.scheduleMs / 1000)} s (not started: ${fmt(cronCreated.scheduleMs / 1000)} s)`, '', '—', '']);
  rows.push(['(f) cron jobs: memory added (RSS / heap)', `+${mb(cronStarted.rssDelta)} / +${mb(cronStarted.heapDelta)} MB`, '', '—', '']);
  rows.push(['(f) tick: memory added (RSS / heap)', `+${mb(tickBig.rssDelta)} / +${mb(tickBig.heapDelta)} MB`, '', '—', '']);
  rows.push(['(f) tick, 1,000 people (RSS / heap)', `+${mb(tickSmall.rssDelta)} / +${mb(tickSmall.heapDelta)} MB`, '', '—', '']);
  rows.push(['(f) cron ÷ tick memory (RSS / heap)', `${fmt(memRatioRss, 1)}× / ${fmt(memRatioHeap, 1)}×`, '', '≥ 10×', ok(memRatioRss >= 10 && memRatioHeap >= 10)]);
  rows.push(...startupRows(startup)); // (k)
  rows.push(...instances.rows); // (h)
  // ---- [issue 14 item 2: budgets against floods] (bench/flood-budget.ts) ---------------------
  {
    const sizes = { queuedPrompts: quick ? 20_000 : 100_000, accounts: 20 };
    say(`flood budgets: one group flooded for ten simulated minutes (one account at the allowed pace, then ${sizes.accounts} accounts), and /help in a group with ${n(sizes.queuedPrompts)} prompts queued…`);
    const fl = await floodBudget(async () => ({ storage: 'sqlite-file', cleanup: async () => {} }), sizes);
    let flPg: FloodBudgetResult | string | null = null;
    if (PG_URL) {
      flPg = await floodBudget(async () => {
        const sch = await createPgSchema(PG_URL, 'bench_flood');
        return { storage: { kind: 'postgres', url: sch.url }, cleanup: sch.drop };
      }, { ...sizes, queuedPrompts: quick ? 5_000 : 20_000 }).catch((e: unknown) => `failed: ${(e as Error).message}`);
    }
    const fv = (f: (r: FloodBudgetResult) => string) => (flPg === null ? 'not run' : typeof flPg === 'string' ? flPg : f(flPg));
    const within = (r: FloodBudgetResult) => r.oneAccount.maxQueuedForGroup <= r.cap && r.manyAccounts.maxQueuedForGroup <= r.cap;
    rows.push(['(flood) one account, 10 min: most answers waiting for the group (posted / asks)', `${fl.oneAccount.maxQueuedForGroup} (${fl.oneAccount.postedInGroup} / ${fl.oneAccount.commands})`,
      fv((r) => `${r.oneAccount.maxQueuedForGroup} (${r.oneAccount.postedInGroup} / ${r.oneAccount.commands})`), `≤ ${fl.cap}`, ok(fl.oneAccount.maxQueuedForGroup <= fl.cap)]);
    rows.push([`(flood) ${fl.manyAccounts.accounts} accounts, 10 min: most waiting (dropped)`, `${fl.manyAccounts.maxQueuedForGroup} (${fl.manyAccounts.dropped})`,
      fv((r) => `${r.manyAccounts.maxQueuedForGroup} (${r.manyAccounts.dropped})`), `≤ ${fl.cap}`, ok(within(fl) && (typeof flPg !== 'object' || flPg === null || within(flPg)))]);
    rows.push(['(flood) /help in a group, wave queued: median / p99', `${fmt(fl.answerCost.medianMs)} / ${fmt(fl.answerCost.p99Ms)} ms (${n(fl.answerCost.queuedPrompts)})`,
      fv((r) => `${fmt(r.answerCost.medianMs)} / ${fmt(r.answerCost.p99Ms)} ms (${n(r.answerCost.queuedPrompts)})`), '—', '']);
  }
  // ---- [end issue 14 item 2] ----------------------------------------------------------------
  rows.push(...deliveryRows(delivery)); // issue 14 (g) (i)
  rows.push(...pgScaleRows(pgScaleResult, CONCURRENCY)); // issue 14: pg-scale
  printRows(rows);
  if (pgError) console.log(`PostgreSQL: ${pgError}`);
  say(`total runtime ${totalSeconds} s; load average ${loadAtStart[0]!.toFixed(2)} at start, ${loadavg()[0]!.toFixed(2)} at end (${cpus().length} CPUs); results in ${RESULTS}`);

  const results = {
    generatedAt: new Date().toISOString(),
    machine: {
      node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, totalMemBytes: totalmem(),
      // Other work on the machine skews timings; the load averages before and after say how much.
      loadAverageAtStart: loadAtStart.map((x) => round(x, 2)), loadAverageAtEnd: loadavg().map((x) => round(x, 2)),
    },
    settings: {
      people: PEOPLE, pgPeople: PG_URL ? PG_PEOPLE : null, seededAt: T0.toISOString(), quick,
      sqlite: SQLITE_SIZES, postgres: PG_URL ? PG_SIZES : null, enqueuePerTransaction: ENQ_PER_TX, concurrency: CONCURRENCY,
      dispatchDistinct: DISPATCH_DISTINCT, dispatchSame: DISPATCH_SAME, cronJobs: CRON_JOBS,
    },
    sqlite, postgres, postgresError: pgError,
    startup, // (k)
    delivery, // issue 14 (g) (i)
    pgScale: pgScaleResult, // issue 14
    dispatch: { ...dispatch, peakRssBytes: dispatchPeak },
    instances: instances.result, // (h)
    memory: {
      benchProcessPeakRssBytes: sqlitePeakRss,
      phases: snapshots,
      tickApproach: { big: tickBig, small: tickSmall, compiled },
      cronPerPerson: { started: cronStarted, created: cronCreated },
      ratioRss: round(memRatioRss, 2), ratioHeap: round(memRatioHeap, 2),
    },
    table: rows.map((r) => ({ figure: r[0], sqlite: r[1], postgres: r[2], target: r[3], verdict: r[4] })),
    totalSeconds,
  };
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
}

// ---- issue 14: pg-scale ----
async function runPgScale(): Promise<PgScaleResult> {
  const file = join(DIR, 'pg-scale.db');
  removeSqlite(file);
  try {
    return await pgScale({
      pgUrl: PG_URL, sqliteFile: file, sqlitePeople: PG_PEOPLE, pgPeople: PG_PEOPLE,
      checkinsSqlite: quick ? 3_000 : 10_000, checkinsPg: quick ? 1_500 : 3_000, idleTicks: quick ? 300 : 1_000,
      millionPeople: Number(option('million') ?? 1_000_000), concurrency: CONCURRENCY, partMaxMs: 20_000, t0: T0,
      seed: (url, people) => child<SeedResult>('seed-child.ts', [url, String(people), T0.toISOString()], false),
      say,
    });
  } finally {
    if (!KEEP) removeSqlite(file);
  }
}

// ---- end pg-scale ----

/** A row of the printed table: figure, SQLite, PostgreSQL, target, verdict. */
type Row = [string, string, string, string, string];

/** The figures as a table, each beside its target. */
function printRows(rows: readonly Row[]) {
  const header: Row = ['figure', 'SQLite', 'PostgreSQL', 'target', 'verdict'];
  const widths = header.map((_, c) => Math.max(...[header, ...rows].map((r) => r[c]!.length)));
  const line = (r: Row) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd();
  console.log('');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  console.log('');
}

(ONLY === 'delivery' ? onlyDelivery() : main()).then(() => process.exit(0), (e: unknown) => {
  console.error(e);
  process.exit(1);
});
