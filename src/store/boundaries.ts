import { randomUUID } from 'node:crypto';
import { fromDbBool, toDbBool, toDbInstant } from './convert.js';
import type { Db } from './database.js';
import type { TextSeal } from './sealed-text.js';

export interface Boundary {
  id: string;
  text: string;
  /** Shared with a linked partner; private by default. */
  shared: boolean;
}

export async function addBoundary(db: Db, seal: TextSeal, personId: string, text: string, now: Date) {
  await db.insertInto('boundaries').values({
    id: randomUUID(), person_id: personId, text: seal.seal(text), shared: toDbBool(false), created_at: toDbInstant(now),
  }).execute();
}

export async function listBoundaries(db: Db, seal: TextSeal, personId: string): Promise<Boundary[]> {
  const rows = await db.selectFrom('boundaries').selectAll().where('person_id', '=', personId)
    .orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, text: seal.open(r.text), shared: fromDbBool(r.shared) }));
}

export async function setBoundaryShared(db: Db, id: string, shared: boolean): Promise<void> {
  await db.updateTable('boundaries').set({ shared: toDbBool(shared) }).where('id', '=', id).execute();
}
