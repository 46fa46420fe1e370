/*
 * Issue 14, the PostgreSQL side of speed: check-ins with the statements and round trips
 * each one costs (SQLite and PostgreSQL in the same run), (a) a tick with nothing due at
 * 20,000 people, and (j) a tick with nothing due at 1,000,000 people on PostgreSQL.
 * Figures only; nothing here asserts a timing.
 *
 * Round trips are counted where they happen: every pg Client.query call (BEGIN and COMMIT
 * included) and every better-sqlite3 statement execution. "Statements" are the ones the core
 * builds through kysely (BEGIN/COMMIT not included), as the rest of the bench counts them.
 */
import SQLite from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { sql } from 'kysely';
import { createPgSchema } from '../test/helpers/pg-schema.js';
import type { SeedResult } from '../test/helpers/seed-people.js';
import { ZONES } from './population.js';
import { checkins, makeEnv, recoveryPeople, tickNothingDue, type BenchEnv, type CheckinRun, type IdleTickResult } from './scenarios.js';
import { round } from './stats.js';

/** Process-wide count of database round trips (pg queries sent, SQLite statements stepped). */
export const roundTrips = { count: 0 };
/** The PostgreSQL server processes behind the pg clients this process used (their CPU is read from /proc). */
const backends = new Set<number>();

/** CPU ms the server processes behind our connections have used so far (0 where /proc cannot be read). */
function serverCpuMs(): number {
  let ticks = 0;
  for (const pid of backends) {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
      ticks += Number(rest[11]) + Number(rest[12]); // utime, stime (fields 14 and 15)
    } catch {
      // the server is elsewhere, or the connection is gone
    }
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}
let patched = false;
function countRoundTrips(): void {
  if (patched) return;
  patched = true;
  const clientProto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const pgQuery = clientProto.query;
  clientProto.query = function (this: unknown, ...a: unknown[]) {
    roundTrips.count += 1;
    const pid = (this as { processID?: number }).processID;
    if (pid) backends.add(pid);
    return pgQuery.apply(this, a);
  };
  const probe = new SQLite(':memory:');
  const stmtProto = Object.getPrototypeOf(probe.prepare('select 1')) as Record<string, (...a: unknown[]) => unknown>;
  probe.close();
  for (const m of ['run', 'all', 'get', 'iterate'] as const) {
    const f = stmtProto[m]!;
    stmtProto[m] = function (this: unknown, ...a: unknown[]) {
      roundTrips.count += 1;
      return f.apply(this, a);
    };
  }
}

export interface CheckinFigures extends CheckinRun {
  roundTripsPerCheckin: number;
  /** CPU of the PostgreSQL server processes serving this run, per check-in (null on SQLite): steadier than rates on a shared machine. */
  serverCpuMsPerCheckin: number | null;
}

export interface DialectFigures {
  dialect: 'sqlite' | 'postgres';
  people: number;
  idleTick: IdleTickResult & { statementsPerTick: number; roundTripsPerTick: number };
  sequential: CheckinFigures;
  concurrent: CheckinFigures;
}

export interface MillionFigures {
  people: number;
  seedSeconds: number;
  idleTick: IdleTickResult & { statementsPerTick: number; roundTripsPerTick: number };
}

export interface PgScaleResult {
  sqlite: DialectFigures;
  postgres: DialectFigures | null;
  million: MillionFigures | null;
  postgresError: string | null;
}

export interface PgScaleOptions {
  pgUrl: string | undefined;
  sqliteFile: string;
  sqlitePeople: number;
  pgPeople: number;
  checkinsSqlite: number;
  checkinsPg: number;
  idleTicks: number;
  millionPeople: number;
  concurrency: number;
  partMaxMs: number;
  t0: Date;
  seed: (url: string, people: number) => Promise<SeedResult>;
  say: (line: string) => void;
}

async function idle(env: BenchEnv, ticks: number) {
  const st0 = env.statements.count;
  const rt0 = roundTrips.count;
  const r = await tickNothingDue(env, ticks, 20);
  const n = ticks + 20;
  return { ...r, statementsPerTick: round((env.statements.count - st0) / n, 1), roundTripsPerTick: round((roundTrips.count - rt0) / n, 1) };
}

async function checkinsCounted(env: BenchEnv, people: number[], concurrency: number, tag: string, maxMs: number): Promise<CheckinFigures> {
  const rt0 = roundTrips.count;
  const s0 = serverCpuMs();
  const r = await checkins(env, people, concurrency, tag, maxMs);
  const server = backends.size > 0 ? round((serverCpuMs() - s0) / Math.max(r.checkins, 1), 3) : null;
  return { ...r, roundTripsPerCheckin: round((roundTrips.count - rt0) / Math.max(r.checkins, 1), 1), serverCpuMsPerCheckin: server };
}

async function measure(o: PgScaleOptions, dialect: 'sqlite' | 'postgres', url: string, people: number, nCheckins: number): Promise<DialectFigures> {
  o.say(`pg-scale ${dialect}: seeding ${people.toLocaleString('en-US')} people…`);
  backends.clear();
  await o.seed(url, people);
  const env = await makeEnv(url, o.t0, people);
  try {
    if (dialect === 'postgres') await sql`analyze`.execute(env.db);
    const idleTick = await idle(env, o.idleTicks);
    o.say(`pg-scale ${dialect}: tick, nothing due: median ${idleTick.medianMs.toFixed(3)} ms, p99 ${idleTick.p99Ms.toFixed(3)} ms; ${idleTick.statementsPerTick} statements, ${idleTick.roundTripsPerTick} round trips per tick`);
    const pool = recoveryPeople(0, nCheckins * 2, people);
    const sequential = await checkinsCounted(env, pool.slice(0, nCheckins), 1, 'scale-seq', o.partMaxMs);
    o.say(`pg-scale ${dialect}: check-ins sequential ${sequential.perSecond}/s (${sequential.checkins}), ${sequential.statementsPerCheckin} statements, ${sequential.roundTripsPerCheckin} round trips, ${sequential.cpuMsPerCheckin} ms CPU here and ${sequential.serverCpuMsPerCheckin ?? '—'} ms in the server each; ${sequential.unexpected} unexpected replies`);
    const concurrent = await checkinsCounted(env, pool.slice(nCheckins, nCheckins * 2), o.concurrency, 'scale-conc', o.partMaxMs);
    o.say(`pg-scale ${dialect}: check-ins ${o.concurrency} at a time ${concurrent.perSecond}/s (${concurrent.checkins}), ${concurrent.statementsPerCheckin} statements, ${concurrent.roundTripsPerCheckin} round trips, ${concurrent.cpuMsPerCheckin} ms CPU here and ${concurrent.serverCpuMsPerCheckin ?? '—'} ms in the server each; ${concurrent.unexpected} unexpected replies`);
    return { dialect, people, idleTick, sequential, concurrent };
  } finally {
    await env.close({ keepFiles: true });
  }
}

/**
 * (j): a million people written by PostgreSQL itself (generate_series, one INSERT … SELECT per
 * table), every due instant in the future, so each tick finds nothing. The columns look like
 * the seeder's: ISO instants, real zones, prompt times over the whole day.
 */
async function million(o: PgScaleOptions, baseUrl: string): Promise<MillionFigures> {
  const schema = await createPgSchema(baseUrl, 'bench_million');
  try {
    const env = await makeEnv(schema.url, o.t0, 0);
    try {
      const n = o.millionPeople;
      o.say(`pg-scale (j): writing ${n.toLocaleString('en-US')} people with generate_series…`);
      const t = performance.now();
      const zones = `{${ZONES.join(',')}}`;
      const t0 = o.t0.toISOString();
      const iso = (expr: string) => `to_char((${expr}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
      const base = `'${t0}'::timestamptz`;
      await sql.raw(`
        insert into people (id, role, timezone, prompt_time, prompt_days, joined_on, created_at,
          next_prompt_at, pending_prompt_date, last_prompt_date, reminder_at, grace_at, grace_date, next_summary_at, unanswered_prompts)
        select md5('million' || i)::uuid::text,
          case when i % 20 < 14 then 'recovery' when i % 20 < 17 then 'partner' else 'supporter' end,
          ('${zones}'::text[])[1 + i % ${ZONES.length}],
          lpad(((i * 7) % 288 / 12)::text, 2, '0') || ':' || lpad(((i * 7) % 12 * 5)::text, 2, '0'),
          '1234567', '2026-01-01', '${t0}',
          ${iso(`${base} + interval '1 minute' + (i % 1440) * interval '1 minute'`)},
          '2026-06-10', '2026-06-09',
          case when i % 5 = 0 then ${iso(`${base} + interval '1 minute' + (i % 120) * interval '1 minute'`)} end,
          case when i % 3 = 0 then ${iso(`${base} + interval '1 minute' + (i % 600) * interval '1 minute'`)} end,
          '2026-06-09',
          ${iso(`${base} + interval '4 days' + (i % 1440) * interval '1 minute'`)},
          0
        from generate_series(1, ${n}) as i`).execute(env.db);
      await sql.raw(`
        insert into accounts (id, person_id, platform, display_name, created_at, last_seen_at, dm_seen_at)
        select 'million:' || i, md5('million' || i)::uuid::text, 'million', 'Person ' || i, '${t0}', '${t0}', '${t0}'
        from generate_series(1, ${n}) as i`).execute(env.db);
      await sql`vacuum analyze people`.execute(env.db);
      await sql`analyze accounts`.execute(env.db);
      const seedSeconds = round((performance.now() - t) / 1000, 1);
      o.say(`pg-scale (j): written and analyzed in ${seedSeconds} s`);
      const idleTick = await idle({ ...env, people: n }, o.idleTicks);
      o.say(`pg-scale (j): tick, nothing due, ${n.toLocaleString('en-US')} people: median ${idleTick.medianMs.toFixed(3)} ms, p99 ${idleTick.p99Ms.toFixed(3)} ms (${idleTick.workDone} work found)`);
      return { people: n, seedSeconds, idleTick };
    } finally {
      await env.close({ keepFiles: true });
    }
  } finally {
    await schema.drop().catch(() => {});
  }
}

export async function pgScale(o: PgScaleOptions): Promise<PgScaleResult> {
  countRoundTrips();
  const sqlite = await measure(o, 'sqlite', `sqlite:${o.sqliteFile}`, o.sqlitePeople, o.checkinsSqlite);
  let postgres: DialectFigures | null = null;
  let mil: MillionFigures | null = null;
  let postgresError: string | null = null;
  if (o.pgUrl) {
    try {
      const schema = await createPgSchema(o.pgUrl, 'bench_scale');
      try {
        postgres = await measure(o, 'postgres', schema.url, o.pgPeople, o.checkinsPg);
      } finally {
        await schema.drop().catch(() => {});
      }
      if (o.millionPeople > 0) mil = await million(o, o.pgUrl);
    } catch (e) {
      postgresError = (e as Error).message;
      o.say(`pg-scale postgres: failed: ${postgresError}`);
    }
  }
  return { sqlite, postgres, million: mil, postgresError };
}

/** Rows for the bench table: [figure, SQLite, PostgreSQL, target, verdict]. */
export function pgScaleRows(r: PgScaleResult, concurrency: number): [string, string, string, string, string][] {
  const ok = (b: boolean) => (b ? 'met' : 'NOT met');
  const p = r.postgres;
  const na = r.postgresError ? 'failed' : 'not run';
  const c = (f: CheckinFigures) => `${f.perSecond.toLocaleString('en-US')}/s`;
  const counts = (f: CheckinFigures) => `${f.statementsPerCheckin} / ${f.roundTripsPerCheckin}`;
  const rows: [string, string, string, string, string][] = [
    ['[14] check-ins/s, sequential', c(r.sqlite.sequential), p ? c(p.sequential) : na, '≥ 2,000/s SQLite', ok(r.sqlite.sequential.perSecond >= 2000)],
    [`[14] check-ins/s, ${concurrency} at a time`, c(r.sqlite.concurrent), p ? c(p.concurrent) : na, '≥ 1,000/s PostgreSQL', p ? ok(p.concurrent.perSecond >= 1000) : ''],
    ['[14] statements / round trips per check-in', counts(r.sqlite.sequential), p ? counts(p.sequential) : na, 'fewer', ''],
    ['[14] CPU ms per check-in, seq: bench process', String(r.sqlite.sequential.cpuMsPerCheckin), p ? String(p.sequential.cpuMsPerCheckin) : na, '—', ''],
    ['[14] CPU ms per check-in, seq: PostgreSQL server', '', p ? String(p.sequential.serverCpuMsPerCheckin ?? 'not readable') : na, '—', ''],
    ['[14] check-in p99, seq / concurrent', `${round(r.sqlite.sequential.p99Ms, 2)} / ${round(r.sqlite.concurrent.p99Ms, 2)} ms`, p ? `${round(p.sequential.p99Ms, 2)} / ${round(p.concurrent.p99Ms, 2)} ms` : na, '—', ''],
    [`[14] (a) tick, nothing due, p99 (${(p?.people ?? r.sqlite.people).toLocaleString('en-US')} people)`, `${round(r.sqlite.idleTick.p99Ms, 3)} ms`, p ? `${round(p.idleTick.p99Ms, 3)} ms` : na, '< 10 ms', p ? ok(p.idleTick.p99Ms < 10) : ''],
    ['[14] (a) tick, nothing due: round trips', String(r.sqlite.idleTick.roundTripsPerTick), p ? String(p.idleTick.roundTripsPerTick) : na, '—', ''],
  ];
  const m = r.million;
  rows.push([`[14] (j) tick, nothing due, p50 / p99 (${m ? m.people.toLocaleString('en-US') : '1,000,000'} people)`, '',
    m ? `${round(m.idleTick.medianMs, 3)} / ${round(m.idleTick.p99Ms, 3)} ms` : na, 'p99 < 50 ms', m ? ok(m.idleTick.p99Ms < 50) : '']);
  return rows;
}
