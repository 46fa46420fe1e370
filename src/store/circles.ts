import { randomUUID } from 'node:crypto';
import type { Circle } from '../domain/circles.js';
import { toDbInstant } from './convert.js';
import type { Db } from './database.js';
import { placeOf } from './person-registry.js';
import type { TextSeal } from './sealed-text.js';

export interface CircleEntry {
  circle: Circle;
  text: string;
}

export async function addCircleEntry(db: Db, seal: TextSeal, personId: string, e: CircleEntry, now: Date): Promise<void> {
  const id = randomUUID();
  await db.insertInto('circles')
    .values({ id, person_id: personId, circle: e.circle, text: seal.seal(e.text, placeOf('circles', 'text', { id, person_id: personId })), created_at: toDbInstant(now) })
    .execute();
}

export async function listCircles(db: Db, seal: TextSeal, personId: string): Promise<CircleEntry[]> {
  const rows = await db.selectFrom('circles').select(['id', 'person_id', 'circle', 'text'])
    .where('person_id', '=', personId).orderBy('created_at').execute();
  return rows.map((r) => ({ circle: r.circle as Circle, text: seal.open(r.text, placeOf('circles', 'text', r)) }));
}

export async function clearCircle(db: Db, personId: string, circle: Circle): Promise<number> {
  const r = await db.deleteFrom('circles').where('person_id', '=', personId).where('circle', '=', circle).executeTakeFirst();
  return Number(r.numDeletedRows);
}
