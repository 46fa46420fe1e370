import { randomUUID } from 'node:crypto';
import type { LocalDate } from '../domain/local-date.js';
import type { SobrietyPeriod } from '../domain/sobriety.js';
import { fromDbInstant, toDbInstant } from './convert.js';
import type { Db } from './database.js';

/** A stored period; its id keys its milestones, so moving its start date never re-celebrates them. */
export interface StoredPeriod extends SobrietyPeriod {
  id: string;
  /** When it was recorded: for a period started by a relapse, when the relapse was told. */
  recordedAt: Date;
}

export async function listPeriods(db: Db, personId: string): Promise<StoredPeriod[]> {
  const rows = await db.selectFrom('sobriety_periods').select(['id', 'start_date', 'end_date', 'created_at'])
    .where('person_id', '=', personId).orderBy('start_date').orderBy('created_at').execute();
  return rows.map((r) => ({ id: r.id, start: r.start_date as LocalDate, end: r.end_date as LocalDate | null, recordedAt: fromDbInstant(r.created_at) }));
}

export async function startPeriod(db: Db, personId: string, start: LocalDate, now: Date): Promise<void> {
  await db.insertInto('sobriety_periods')
    .values({ id: randomUUID(), person_id: personId, start_date: start, end_date: null, created_at: toDbInstant(now) })
    .execute();
}

export async function endCurrentPeriod(db: Db, personId: string, end: LocalDate): Promise<void> {
  await db.updateTable('sobriety_periods').set({ end_date: end })
    .where('person_id', '=', personId).where('end_date', 'is', null).execute();
}

/** Moves the current period's start (a backdated or corrected sobriety date). */
export async function setCurrentStart(db: Db, personId: string, start: LocalDate): Promise<number> {
  const r = await db.updateTable('sobriety_periods').set({ start_date: start })
    .where('person_id', '=', personId).where('end_date', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * Undoes a relapse recorded today when the person corrects that day's check-in: the
 * period opened by it is removed and the one it closed is current again.
 */
export async function undoRelapse(db: Db, personId: string, date: LocalDate): Promise<void> {
  await db.deleteFrom('sobriety_periods')
    .where('person_id', '=', personId).where('end_date', 'is', null).where('start_date', '=', date).execute();
  await db.updateTable('sobriety_periods').set({ end_date: null })
    .where('person_id', '=', personId).where('end_date', '=', date).execute();
}
