import type { CheckIn, HealingWork, Mood, RecoveryStatus } from '../domain/checkin.js';
import type { LocalDate, TimeZone } from '../domain/local-date.js';
import { fromDbInstant, toDbInstant } from './convert.js';
import type { Db } from './database.js';
import type { CheckinsTable } from './schema.js';
import type { TextSeal } from './sealed-text.js';

function toCheckin(row: CheckinsTable, seal: TextSeal): CheckIn {
  return {
    localDate: row.local_date as LocalDate,
    zone: row.zone as TimeZone,
    status: row.status as RecoveryStatus | null,
    mood: row.mood as Mood | null,
    feeling: row.feeling === null ? null : seal.open(row.feeling),
    healingWork: row.healing_work === '' ? [] : (row.healing_work.split(',') as HealingWork[]),
    safe: row.safe === null ? null : row.safe === 1,
    note: row.note === null ? null : seal.open(row.note),
    at: fromDbInstant(row.updated_at),
  };
}

export async function getCheckin(db: Db, seal: TextSeal, personId: string, date: LocalDate): Promise<CheckIn | null> {
  const row = await db.selectFrom('checkins').selectAll()
    .where('person_id', '=', personId).where('local_date', '=', date).executeTakeFirst();
  return row ? toCheckin(row, seal) : null;
}

/** Inserts the day's check-in or replaces the one already made that local date. */
export async function saveCheckin(db: Db, seal: TextSeal, personId: string, c: CheckIn): Promise<void> {
  const values = {
    zone: c.zone,
    status: c.status,
    mood: c.mood,
    feeling: c.feeling === null ? null : seal.seal(c.feeling),
    healing_work: c.healingWork.join(','),
    safe: c.safe === null ? null : (c.safe ? 1 : 0),
    note: c.note === null ? null : seal.seal(c.note),
    updated_at: toDbInstant(c.at),
  };
  await db.insertInto('checkins')
    .values({ person_id: personId, local_date: c.localDate, created_at: toDbInstant(c.at), ...values })
    .onConflict((oc) => oc.columns(['person_id', 'local_date']).doUpdateSet(values))
    .execute();
}

export async function listCheckins(db: Db, seal: TextSeal, personId: string, from?: LocalDate): Promise<CheckIn[]> {
  let q = db.selectFrom('checkins').selectAll().where('person_id', '=', personId);
  if (from) q = q.where('local_date', '>=', from);
  const rows = await q.orderBy('local_date').execute();
  return rows.map((r) => toCheckin(r, seal));
}

/** The facts counters need, without opening any sealed text. */
export interface CheckinDay {
  localDate: LocalDate;
  status: RecoveryStatus | null;
  mood: Mood | null;
  actions: number;
}

export async function listCheckinDays(db: Db, personId: string): Promise<CheckinDay[]> {
  const rows = await db.selectFrom('checkins')
    .select(['local_date', 'status', 'mood', 'healing_work'])
    .where('person_id', '=', personId).orderBy('local_date').execute();
  return rows.map((r) => ({
    localDate: r.local_date as LocalDate,
    status: r.status as RecoveryStatus | null,
    mood: r.mood as Mood | null,
    actions: r.healing_work === '' ? 0 : r.healing_work.split(',').length,
  }));
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

/** Moves one day's check-in to another local date (which must have none). */
export async function moveCheckinDate(db: Db, personId: string, from: LocalDate, to: LocalDate): Promise<void> {
  await db.updateTable('checkins').set({ local_date: to })
    .where('person_id', '=', personId).where('local_date', '=', from).execute();
}

/** The last local date before `date` with a check-in, or null. */
export async function lastCheckinBefore(db: Db, personId: string, date: LocalDate): Promise<LocalDate | null> {
  const row = await db.selectFrom('checkins').select('local_date')
    .where('person_id', '=', personId).where('local_date', '<', date).orderBy('local_date', 'desc').limit(1).executeTakeFirst();
  return (row?.local_date as LocalDate | undefined) ?? null;
}
