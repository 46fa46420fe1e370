import { randomUUID } from 'node:crypto';
import type { LocalDate } from '../domain/local-date.js';
import { fromDbInstant, toDbInstant } from './convert.js';
import type { Db } from './database.js';
import { placeOf } from './person-registry.js';
import type { TextSeal } from './sealed-text.js';

export interface Goal {
  id: string;
  text: string;
  due: LocalDate | null;
  doneAt: Date | null;
  createdAt: Date;
}

export async function addGoal(db: Db, seal: TextSeal, personId: string, text: string, due: LocalDate | null, now: Date) {
  const id = randomUUID();
  await db.insertInto('goals').values({
    id, person_id: personId, text: seal.seal(text, placeOf('goals', 'text', { id, person_id: personId })), due_date: due, done_at: null, created_at: toDbInstant(now),
  }).execute();
}

/** Goals in the order they were set; the person refers to them by their position (1, 2, …). */
export async function listGoals(db: Db, seal: TextSeal, personId: string): Promise<Goal[]> {
  const rows = await db.selectFrom('goals').selectAll().where('person_id', '=', personId)
    .orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    text: seal.open(r.text, placeOf('goals', 'text', r)),
    due: r.due_date as LocalDate | null,
    doneAt: r.done_at ? fromDbInstant(r.done_at) : null,
    createdAt: fromDbInstant(r.created_at),
  }));
}

export async function markGoalDone(db: Db, goalId: string, now: Date): Promise<void> {
  await db.updateTable('goals').set({ done_at: toDbInstant(now) }).where('id', '=', goalId).execute();
}

/** Goal counts for the weekly review, without opening any goal's text. */
export async function goalCounts(db: Db, personId: string, doneSince: Date): Promise<{ open: number; doneSince: number }> {
  const rows = await db.selectFrom('goals').select('done_at').where('person_id', '=', personId).execute();
  const since = toDbInstant(doneSince);
  return {
    open: rows.filter((r) => r.done_at === null).length,
    doneSince: rows.filter((r) => r.done_at !== null && r.done_at >= since).length,
  };
}
