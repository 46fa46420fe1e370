/*
 * Bulk seeding of onboarded people in a steady state, with every due column computed by
 * the real domain functions (the ones src/services/schedule.ts and the tick use):
 * yesterday's prompt done, today's next prompt pending, reminder and grace deadlines of
 * the last prompt still open where they lie in the future, the weekly summary booked,
 * and, for people in recovery, a sobriety period with the milestones already passed
 * recorded as celebrated (so a tick does not re-celebrate a year of history at once).
 */
import type { Config } from '../src/config.js';
import { nextPrompt, nextWeekly, resolveLocalTime } from '../src/domain/due-time.js';
import { addDays, daysBetween, localDateOf, type LocalDate, type TimeZone } from '../src/domain/local-date.js';
import { sobrietyMilestonesUpTo } from '../src/domain/milestones.js';
import type { TimeOfDay } from '../src/domain/time-of-day.js';
import { toDbInstant } from '../src/store/convert.js';
import type { Db } from '../src/store/database.js';
import type { Insertable } from 'kysely';
import type { AccountsTable, MilestonesTable, PeopleTable, SobrietyPeriodsTable } from '../src/store/schema.js';
import { personSpec } from './population.js';

const SUNDAY = 7;
const DAY = 86_400_000;
const MINUTE = 60_000;

export interface SeedResult {
  people: number;
  accounts: number;
  sobrietyPeriods: number;
  milestones: number;
  /** Wall time including the domain computations. */
  ms: number;
  /** Of which building rows, due times included (nextPrompt, nextWeekly, resolveLocalTime, memoized per zone and time). */
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
  joined: Map<string, { joinedOn: LocalDate; soberDays: number }>;
}

export function newCaches(): Caches {
  return { zone: new Map(), prompt: new Map(), joined: new Map() };
}

function rowsFor(from: number, to: number, now: Date, config: Config, platform: string, caches: Caches): Rows {
  const out: Rows = { people: [], accounts: [], periods: [], milestones: [] };
  const s = config.schedule;
  for (let i = from; i < to; i += 1) {
    const p = personSpec(i, platform);
    const zone = p.zone as TimeZone;
    const time = p.promptTime as TimeOfDay;
    const z = memo(caches.zone, zone, () => ({
      today: localDateOf(now, zone),
      summaryAt: nextWeekly(zone, SUNDAY, s.weeklySummaryTime, now),
    }));
    const today = z.today;
    const { joinedOn, soberDays } = memo(caches.joined, `${zone}|${p.joinedDaysAgo}`, () => {
      const d = addDays(today, -p.joinedDaysAgo);
      return { joinedOn: d, soberDays: daysBetween(d, today) };
    });
    const created = new Date(now.getTime() - p.joinedDaysAgo * DAY);
    // The schedule as reschedule/the tick would have left it: the next prompt after now,
    // the day before it already prompted.
    const { next, lastDate, lastAt } = memo(caches.prompt, `${zone}|${time}`, () => {
      const n = nextPrompt({ zone, time, days: '1234567' }, now, null);
      const ld = n ? addDays(n.localDate, -1) : null;
      return { next: n, lastDate: ld, lastAt: ld ? resolveLocalTime(ld, time, zone) : null };
    });
    const reminderAt = lastAt ? new Date(lastAt.getTime() + s.reminderAfterMinutes * MINUTE) : null;
    const graceAt = lastAt ? new Date(lastAt.getTime() + s.graceHours * 3_600_000) : null;
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
      last_prompt_date: lastDate,
      reminder_at: reminderAt && reminderAt > now ? toDbInstant(reminderAt) : null,
      grace_at: graceAt && graceAt > now ? toDbInstant(graceAt) : null,
      grace_date: lastDate,
      next_summary_at: toDbInstant(z.summaryAt),
    });
    out.accounts.push({
      id: p.account, person_id: p.id, platform, display_name: `Person ${i}`,
      created_at: toDbInstant(created), last_seen_at: toDbInstant(created), unreachable_at: null,
      // They have written to the bot privately, so a private message can reach them.
      dm_seen_at: toDbInstant(created),
    });
    if (p.role === 'recovery') {
      const periodId = `${p.id.slice(0, 24)}${String(i).padStart(12, '0')}`;
      out.periods.push({ id: periodId, person_id: p.id, start_date: joinedOn, end_date: null, created_at: toDbInstant(created) });
      for (const days of sobrietyMilestonesUpTo(soberDays)) {
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

/**
 * Inserts people [from, to) in transactions of `perTransaction` people, with multi-row
 * INSERTs. Rows are built per transaction, so memory stays flat whatever the count.
 */
export async function seedPeople(
  db: Db, config: Config, now: Date, count: number,
  opts: { from?: number; perTransaction?: number; platform?: string } = {},
): Promise<SeedResult> {
  const from = opts.from ?? 0;
  const per = opts.perTransaction ?? 5_000;
  const platform = opts.platform ?? 'bench';
  const res = { people: 0, accounts: 0, sobrietyPeriods: 0, milestones: 0 };
  let computeMs = 0;
  const caches = newCaches();
  const t0 = performance.now();
  for (let start = from; start < from + count; start += per) {
    const c0 = performance.now();
    const rows = rowsFor(start, Math.min(start + per, from + count), now, config, platform, caches);
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
  }
  const ms = performance.now() - t0;
  const total = res.people + res.accounts + res.sobrietyPeriods + res.milestones;
  return { ...res, ms, computeMs, rowsPerSecond: total / (ms / 1000) };
}
