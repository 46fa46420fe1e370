/*
 * People written straight into the tables, many at a time, for tests and the bench that
 * need hundreds or a hundred thousand of them. Every due column is computed by the real
 * domain functions (the ones src/services/schedule.ts and the tick use): a new person's
 * next prompt and weekly summary are booked exactly as reschedule() books them (a test
 * holds the two together), and with `history: 'steady'` they are seeded in the middle of
 * their life with the bot: yesterday prompted, that prompt's reminder and grace deadlines
 * still open where they lie ahead, and, in recovery, a sobriety period since they joined
 * with the milestones already passed recorded as celebrated (so a tick does not
 * re-celebrate a year of history at once).
 */
import type { Insertable } from 'kysely';
import type { Config } from '../../src/config.js';
import { graceDeadline, nextPrompt, nextWeekly, resolveLocalTime } from '../../src/domain/due-time.js';
import { addDays, daysBetween, localDateOf, type LocalDate, type TimeZone } from '../../src/domain/local-date.js';
import { sobrietyMilestonesUpTo } from '../../src/domain/milestones.js';
import { platformOf } from '../../src/domain/platform-id.js';
import type { Role } from '../../src/domain/roles.js';
import type { TimeOfDay } from '../../src/domain/time-of-day.js';
import { toDbInstant } from '../../src/store/convert.js';
import type { Db } from '../../src/store/database.js';
import type { AccountsTable, MilestonesTable, PeopleTable, SobrietyPeriodsTable } from '../../src/store/schema.js';

const SUNDAY = 7;
const DAY = 86_400_000;
const MINUTE = 60_000;

export interface SeedPerson {
  id: string;
  role: Role;
  timezone: string;
  /** HH:MM of the daily prompt (every day of the week), or null for none. */
  promptTime: string | null;
  /** The local date they joined; or `joinedDaysAgo`, counted back from the seeding instant in their zone (default: that day). */
  joinedOn?: string;
  joinedDaysAgo?: number;
  /** Their account, whose prefix is its platform (default `test:<id>`). They have written to the bot privately. */
  account?: string;
  displayName?: string;
  /** Quiet hours 22:00-07:00. */
  quiet?: boolean;
  /** Paused for a week from the seeding instant. */
  paused?: boolean;
}

export interface SeedOptions {
  /** People per transaction: rows are built per transaction, so memory stays flat whatever the count. */
  perTransaction?: number;
  /** 'new' (default): they joined and were scheduled as reschedule() does; 'steady': in the middle of their life with the bot. */
  history?: 'new' | 'steady';
}

export interface SeedResult {
  people: number;
  accounts: number;
  sobrietyPeriods: number;
  milestones: number;
  /** Wall time including the domain computations. */
  ms: number;
  /** Of which building rows, due times included (memoized per zone, prompt time and join date). */
  computeMs: number;
  rowsPerSecond: number;
}

interface Rows {
  people: Insertable<PeopleTable>[];
  accounts: Insertable<AccountsTable>[];
  periods: Insertable<SobrietyPeriodsTable>[];
  milestones: Insertable<MilestonesTable>[];
}

/** Memoizes a pure function of its key: many people share a zone, a prompt time and a join date. */
function memo<T>(cache: Map<string, T>, key: string, f: () => T): T {
  let v = cache.get(key);
  if (v === undefined) {
    v = f();
    cache.set(key, v);
  }
  return v;
}

interface Caches {
  zone: Map<string, { today: LocalDate; summaryAt: Date }>;
  prompt: Map<string, { next: ReturnType<typeof nextPrompt>; lastDate: LocalDate | null; lastAt: Date | null }>;
  joined: Map<string, LocalDate>;
}

function rowsFor(batch: readonly SeedPerson[], now: Date, config: Config, steady: boolean, caches: Caches): Rows {
  const out: Rows = { people: [], accounts: [], periods: [], milestones: [] };
  const s = config.schedule;
  for (const p of batch) {
    const zone = p.timezone as TimeZone;
    const z = memo(caches.zone, zone, () => ({
      today: localDateOf(now, zone),
      summaryAt: nextWeekly(zone, SUNDAY, s.weeklySummaryTime, now),
    }));
    const daysAgo = p.joinedDaysAgo ?? 0;
    const joinedOn = (p.joinedOn as LocalDate | undefined) ?? memo(caches.joined, `${zone}|${daysAgo}`, () => addDays(z.today, -daysAgo));
    const created = new Date(now.getTime() - daysAgo * DAY);
    const time = p.promptTime as TimeOfDay | null;
    // The next prompt after now, for a date never prompted (what reschedule() books for someone
    // new); in a steady state the day before it was prompted already.
    const { next, lastDate, lastAt } = time === null
      ? { next: null, lastDate: null, lastAt: null }
      : memo(caches.prompt, `${zone}|${time}`, () => {
        const n = nextPrompt({ zone, time, days: '1234567' }, now, null);
        const ld = n ? addDays(n.localDate, -1) : null;
        return { next: n, lastDate: ld, lastAt: ld ? resolveLocalTime(ld, time, zone) : null };
      });
    const reminderAt = steady && lastAt ? new Date(lastAt.getTime() + s.reminderAfterMinutes * MINUTE) : null;
    const graceAt = steady && lastAt && lastDate ? graceDeadline(lastDate, lastAt, zone, s.graceHours) : null;
    out.people.push({
      id: p.id,
      role: p.role,
      timezone: zone,
      prompt_time: time,
      prompt_days: '1234567',
      quiet_start: p.quiet ? '22:00' : null,
      quiet_end: p.quiet ? '07:00' : null,
      paused_until: p.paused ? toDbInstant(new Date(now.getTime() + 7 * DAY)) : null,
      awaiting: null,
      joined_on: joinedOn,
      created_at: toDbInstant(created),
      next_prompt_at: next ? toDbInstant(next.at) : null,
      pending_prompt_date: next?.localDate ?? null,
      last_prompt_date: steady ? lastDate : null,
      reminder_at: reminderAt && reminderAt > now ? toDbInstant(reminderAt) : null,
      grace_at: graceAt && graceAt > now ? toDbInstant(graceAt) : null,
      grace_date: steady ? lastDate : null,
      next_summary_at: toDbInstant(z.summaryAt),
      unanswered_prompts: 0,
    });
    const account = p.account ?? `test:${p.id}`;
    out.accounts.push({
      id: account, person_id: p.id, platform: platformOf(account), display_name: p.displayName ?? p.id,
      created_at: toDbInstant(created), last_seen_at: toDbInstant(created), unreachable_at: null,
      dm_seen_at: toDbInstant(created),
    });
    if (steady && p.role === 'recovery') {
      const periodId = `${p.id}:sobriety`;
      out.periods.push({ id: periodId, person_id: p.id, start_date: joinedOn, end_date: null, created_at: toDbInstant(created) });
      for (const days of sobrietyMilestonesUpTo(daysBetween(joinedOn, z.today))) {
        out.milestones.push({
          person_id: p.id, kind: 'sobriety', period_start: periodId, days, celebrated: 1,
          reached_at: toDbInstant(new Date(created.getTime() + days * DAY)),
        });
      }
    }
  }
  return out;
}

/** Splits rows so one INSERT stays under both SQLite's and PostgreSQL's bound-parameter limits. */
function chunks<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Inserts the people (and their accounts, and in a steady state their sobriety history) with multi-row INSERTs. */
export async function seedPeople(db: Db, config: Config, people: Iterable<SeedPerson>, at: Date, opts: SeedOptions = {}): Promise<SeedResult> {
  const per = opts.perTransaction ?? 1_000;
  const steady = opts.history === 'steady';
  const res = { people: 0, accounts: 0, sobrietyPeriods: 0, milestones: 0 };
  const caches: Caches = { zone: new Map(), prompt: new Map(), joined: new Map() };
  let computeMs = 0;
  const t0 = performance.now();
  const write = async (batch: SeedPerson[]) => {
    const c0 = performance.now();
    const rows = rowsFor(batch, at, config, steady, caches);
    computeMs += performance.now() - c0;
    await db.transaction().execute(async (trx) => {
      for (const part of chunks(rows.people, 1_000)) await trx.insertInto('people').values(part).execute();
      for (const part of chunks(rows.accounts, 2_000)) await trx.insertInto('accounts').values(part).execute();
      for (const part of chunks(rows.periods, 2_000)) await trx.insertInto('sobriety_periods').values(part).execute();
      for (const part of chunks(rows.milestones, 4_000)) await trx.insertInto('milestones').values(part).execute();
    });
    res.people += rows.people.length;
    res.accounts += rows.accounts.length;
    res.sobrietyPeriods += rows.periods.length;
    res.milestones += rows.milestones.length;
  };
  let batch: SeedPerson[] = [];
  for (const p of people) {
    batch.push(p);
    if (batch.length >= per) {
      await write(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await write(batch);
  const ms = performance.now() - t0;
  const total = res.people + res.accounts + res.sobrietyPeriods + res.milestones;
  return { ...res, ms, computeMs, rowsPerSecond: total / (ms / 1000) };
}
