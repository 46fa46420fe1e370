import { sql } from 'kysely';
import type { CheckIn, HealingWork, Mood, RecoveryStatus } from '../domain/checkin.js';
import type { LocalDate, TimeZone } from '../domain/local-date.js';
import { fromDbInstant, toDbInstant } from './convert.js';
import type { Db } from './database.js';
import { placeOf } from './person-registry.js';
import type { CheckinsTable } from './schema.js';
import type { StoredPeriod } from './sobriety-periods.js';
import { SealError, type TextSeal } from './sealed-text.js';

/*
 * A check-in's answers (sober/middle/relapse, mood, feeling word, safety, healing work) are
 * one sealed value, and its note another, both bound to the person and the local date. Only
 * the date stays in clear: the scheduler and the counters need to know that a day has a
 * check-in, and nothing more, so the hot path opens nothing.
 */

/** The day's answers as sealed together. */
interface Answers {
  status: RecoveryStatus | null;
  mood: Mood | null;
  feeling: string | null;
  safe: boolean | null;
  work: HealingWork[];
}

const at = (personId: string, date: string, column: 'answers' | 'note') => placeOf('checkins', column, { person_id: personId, local_date: date });

function answersOf(row: Pick<CheckinsTable, 'person_id' | 'local_date' | 'answers' | 'status' | 'mood' | 'feeling' | 'safe' | 'healing_work'>, seal: TextSeal): Answers {
  if (row.answers !== null) return JSON.parse(seal.open(row.answers, at(row.person_id, row.local_date, 'answers'))) as Answers;
  // Written before answers were sealed: readable only until a key is set (the first keyed start seals them).
  if (seal.encrypts) throw new SealError(at(row.person_id, row.local_date, 'answers'), 'unsealed');
  return {
    status: row.status as RecoveryStatus | null,
    mood: row.mood as Mood | null,
    feeling: row.feeling,
    safe: row.safe === null ? null : row.safe === 1,
    work: row.healing_work === '' ? [] : (row.healing_work.split(',') as HealingWork[]),
  };
}

function toCheckin(row: CheckinsTable, seal: TextSeal): CheckIn {
  const a = answersOf(row, seal);
  return {
    localDate: row.local_date as LocalDate,
    zone: row.zone as TimeZone,
    status: a.status,
    mood: a.mood,
    feeling: a.feeling,
    healingWork: a.work,
    safe: a.safe,
    note: row.note === null ? null : seal.open(row.note, at(row.person_id, row.local_date, 'note')),
    at: fromDbInstant(row.updated_at),
  };
}

/*
 * The statements every check-in sends are written out (like recentCheckinDates): building them
 * with the query builder cost a quarter of a check-in's CPU on SQLite.
 */
async function checkinRow(db: Db, personId: string, date: LocalDate): Promise<CheckinsTable | undefined> {
  const { rows } = await sql<CheckinsTable>`select * from checkins where person_id = ${personId} and local_date = ${date}`.execute(db);
  return rows[0];
}

export async function getCheckin(db: Db, seal: TextSeal, personId: string, date: LocalDate): Promise<CheckIn | null> {
  const row = await checkinRow(db, personId, date);
  return row ? toCheckin(row, seal) : null;
}

function sealedValues(seal: TextSeal, personId: string, c: Pick<CheckIn, 'localDate' | 'status' | 'mood' | 'feeling' | 'safe' | 'healingWork' | 'note'>) {
  const answers: Answers = { status: c.status, mood: c.mood, feeling: c.feeling, safe: c.safe, work: c.healingWork };
  return {
    answers: seal.seal(JSON.stringify(answers), at(personId, c.localDate, 'answers')),
    note: c.note === null ? null : seal.seal(c.note, at(personId, c.localDate, 'note')),
    status: null, mood: null, feeling: null, safe: null, healing_work: '',
  };
}

/** What a stored check-in was when read: a later write only goes through if the row is still exactly this. */
export interface CheckinVersion {
  answers: string | null;
  note: string | null;
  updatedAt: string;
}

/** The day's check-in with the version it was read at (see saveCheckinIfUnchanged). */
export async function getCheckinVersioned(db: Db, seal: TextSeal, personId: string, date: LocalDate): Promise<{ checkin: CheckIn; version: CheckinVersion } | null> {
  const row = await checkinRow(db, personId, date);
  return row ? { checkin: toCheckin(row, seal), version: { answers: row.answers, note: row.note, updatedAt: row.updated_at } } : null;
}

/**
 * PostgreSQL only: the day's check-in written in one statement, with the person's unanswered
 * prompts reset as the locked path does, but only if the stored row is still the one read
 * (`previous`; null: there was none). Sealed values carry a fresh nonce each time, so
 * comparing them tells any other write apart. False when the row changed meanwhile: the
 * caller then takes the locked path.
 */
export async function saveCheckinIfUnchanged(db: Db, seal: TextSeal, personId: string, c: CheckIn, previous: CheckinVersion | null): Promise<boolean> {
  const onConflict = previous === null
    ? sql`do nothing`
    : sql`${UPDATE_SET} where checkins.answers is not distinct from ${previous.answers}
        and checkins.note is not distinct from ${previous.note} and checkins.updated_at = ${previous.updatedAt}`;
  const v = sealedValues(seal, personId, c);
  const when = toDbInstant(c.at);
  // The row comes out of the reset, so the person's row is locked before the check-in's, in
  // the order the locked path takes them (the other order could deadlock against it).
  const r = await sql`with reset as (update people set unanswered_prompts = 0 where id = ${personId} returning id)
    insert into checkins (person_id, local_date, created_at, zone, answers, note, status, mood, feeling, safe, healing_work, updated_at)
    select reset.id, ${c.localDate}, ${when}, ${c.zone}, ${v.answers}, ${v.note}, null, null::integer, null, null::integer, '', ${when} from reset
    on conflict (person_id, local_date) ${onConflict}`.execute(db);
  return Number(r.numAffectedRows ?? 0n) === 1;
}

/** The insert half of writing a check-in: answers sealed, the old clear columns left empty. */
function insertCheckin(seal: TextSeal, personId: string, c: CheckIn) {
  const v = sealedValues(seal, personId, c);
  const when = toDbInstant(c.at);
  return sql`insert into checkins (person_id, local_date, created_at, zone, answers, note, status, mood, feeling, safe, healing_work, updated_at)
    values (${personId}, ${c.localDate}, ${when}, ${c.zone}, ${v.answers}, ${v.note}, null, null, null, null, '', ${when})`;
}

/** Replaces what a check-in says and when; created_at stays the first one's. */
const UPDATE_SET = sql`do update set zone = excluded.zone, answers = excluded.answers, note = excluded.note,
  status = null, mood = null, feeling = null, safe = null, healing_work = '', updated_at = excluded.updated_at`;

/** Inserts the day's check-in or replaces the one already made that local date. */
export async function saveCheckin(db: Db, seal: TextSeal, personId: string, c: CheckIn): Promise<void> {
  await sql`${insertCheckin(seal, personId, c)} on conflict (person_id, local_date) ${UPDATE_SET}`.execute(db);
}

export async function listCheckins(db: Db, seal: TextSeal, personId: string, from?: LocalDate): Promise<CheckIn[]> {
  let q = db.selectFrom('checkins').selectAll().where('person_id', '=', personId);
  if (from) q = q.where('local_date', '>=', from);
  const rows = await q.orderBy('local_date').execute();
  return rows.map((r) => toCheckin(r, seal));
}

/** The local dates with a check-in (from `from` on), oldest first: all streaks, rates and deadlines need, and nothing sealed. */
export async function listCheckinDates(db: Db, personId: string, from?: LocalDate): Promise<LocalDate[]> {
  let q = db.selectFrom('checkins').select('local_date').where('person_id', '=', personId);
  if (from) q = q.where('local_date', '>=', from);
  const rows = await q.orderBy('local_date').execute();
  return rows.map((r) => r.local_date as LocalDate);
}

/**
 * The dates with a check-in from `from` on, oldest first, and the latest one before `from`:
 * one statement, two index lookups, however long the history.
 */
export async function recentCheckinDates(db: Db, personId: string, from: LocalDate): Promise<{ dates: LocalDate[]; earlier: LocalDate | null }> {
  // Written out: it runs on every check-in, and building it with the query builder cost more than running it.
  const { rows } = await sql<{ recent: number; local_date: string | null }>`
    select 1 as recent, local_date from checkins where person_id = ${personId} and local_date >= ${from}
    union all
    select 0 as recent, max(local_date) as local_date from checkins where person_id = ${personId} and local_date < ${from}`.execute(db);
  const dates = rows.filter((r) => Number(r.recent) === 1).map((r) => r.local_date as LocalDate).sort();
  return { dates, earlier: (rows.find((r) => Number(r.recent) === 0)?.local_date as LocalDate | null | undefined) ?? null };
}

/**
 * recentCheckinDates and, for someone in recovery, their sobriety periods as listPeriods gives
 * them: what the counters need, in one statement (three index lookups).
 */
export async function recentDatesAndPeriods(db: Db, personId: string, from: LocalDate, withPeriods: boolean): Promise<{ dates: LocalDate[]; earlier: LocalDate | null; periods: StoredPeriod[] }> {
  if (!withPeriods) return { ...(await recentCheckinDates(db, personId, from)), periods: [] };
  // Written out, like recentCheckinDates: kind 1 a recent date, 0 the latest before, 2 a period.
  const { rows } = await sql<{ kind: number; a: string | null; b: string | null; c: string | null; d: string | null }>`
    select 1 as kind, local_date as a, null as b, null as c, null as d from checkins where person_id = ${personId} and local_date >= ${from}
    union all
    select 0 as kind, max(local_date) as a, null as b, null as c, null as d from checkins where person_id = ${personId} and local_date < ${from}
    union all
    select 2 as kind, id as a, start_date as b, end_date as c, created_at as d from sobriety_periods where person_id = ${personId}
    order by 1, 3, 5`.execute(db);
  const dates: LocalDate[] = [];
  const periods: StoredPeriod[] = [];
  let earlier: LocalDate | null = null;
  for (const r of rows) {
    const kind = Number(r.kind);
    if (kind === 1) dates.push(r.a as LocalDate);
    else if (kind === 0) earlier = r.a as LocalDate | null;
    else periods.push({ id: r.a!, start: r.b as LocalDate, end: r.c as LocalDate | null, recordedAt: fromDbInstant(r.d!) });
  }
  return { dates: dates.sort(), earlier, periods };
}

/** What the calendar, the weekly summaries and the actions streak show of a day. */
export interface CheckinDay {
  localDate: LocalDate;
  status: RecoveryStatus | null;
  mood: Mood | null;
  actions: number;
}

/** The days from `from` on (all of them without `from`), their answers opened: for views over a few weeks, not for the hot path. */
export async function listCheckinDays(db: Db, seal: TextSeal, personId: string, from?: LocalDate): Promise<CheckinDay[]> {
  let q = db.selectFrom('checkins')
    .select(['person_id', 'local_date', 'answers', 'status', 'mood', 'feeling', 'safe', 'healing_work']).where('person_id', '=', personId);
  if (from) q = q.where('local_date', '>=', from);
  const rows = await q.orderBy('local_date').execute();
  return rows.map((r) => {
    const a = answersOf(r, seal);
    return { localDate: r.local_date as LocalDate, status: a.status, mood: a.mood, actions: a.work.length };
  });
}

/** Whether the person checked in for that local date. */
export async function hasCheckinOn(db: Db, personId: string, date: LocalDate | string): Promise<boolean> {
  const row = await db.selectFrom('checkins').select('local_date')
    .where('person_id', '=', personId).where('local_date', '=', date).executeTakeFirst();
  return row !== undefined;
}

/** The local dates with a check-in from `from` on. */
export async function checkinDatesFrom(db: Db, personId: string, from: LocalDate): Promise<Set<LocalDate>> {
  const rows = await db.selectFrom('checkins').select('local_date')
    .where('person_id', '=', personId).where('local_date', '>=', from).execute();
  return new Set(rows.map((r) => r.local_date as LocalDate));
}

/** Moves one day's check-in to another local date (which must have none); its sealed values are bound to the new date. */
export async function moveCheckinDate(db: Db, seal: TextSeal, personId: string, from: LocalDate, to: LocalDate): Promise<void> {
  const c = await getCheckin(db, seal, personId, from);
  if (!c) return;
  await db.updateTable('checkins').set({ local_date: to, ...sealedValues(seal, personId, { ...c, localDate: to }) })
    .where('person_id', '=', personId).where('local_date', '=', from).execute();
}

/** The last local date before `date` with a check-in, or null. */
export async function lastCheckinBefore(db: Db, personId: string, date: LocalDate): Promise<LocalDate | null> {
  const row = await db.selectFrom('checkins').select('local_date')
    .where('person_id', '=', personId).where('local_date', '<', date).orderBy('local_date', 'desc').limit(1).executeTakeFirst();
  return (row?.local_date as LocalDate | undefined) ?? null;
}
