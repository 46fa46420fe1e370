import { randomUUID } from 'node:crypto';
import { toDbInstant } from './convert.js';
import type { Db } from './database.js';
import { placeOf } from './person-registry.js';
import type { TextSeal } from './sealed-text.js';

export interface Boundary {
  id: string;
  text: string;
  /** The partner links it is shown through; private (empty) by default. */
  sharedWith: string[];
}

export async function addBoundary(db: Db, seal: TextSeal, personId: string, text: string, now: Date) {
  const id = randomUUID();
  await db.insertInto('boundaries').values({
    id, person_id: personId, text: seal.seal(text, placeOf('boundaries', 'text', { id, person_id: personId })), created_at: toDbInstant(now),
  }).execute();
}

/** The person's boundaries in the order written; they refer to them by position (1, 2, …). */
export async function listBoundaries(db: Db, seal: TextSeal, personId: string): Promise<Boundary[]> {
  const rows = await db.selectFrom('boundaries').select(['id', 'person_id', 'text']).where('person_id', '=', personId)
    .orderBy('created_at').orderBy('id').execute();
  const shares = rows.length === 0 ? [] : await db.selectFrom('boundary_shares').select(['boundary_id', 'link_id'])
    .where('boundary_id', 'in', rows.map((r) => r.id)).execute();
  return rows.map((r) => ({
    id: r.id,
    text: seal.open(r.text, placeOf('boundaries', 'text', r)),
    sharedWith: shares.filter((s) => s.boundary_id === r.id).map((s) => s.link_id),
  }));
}

/** Shows a boundary through one link; nothing when it already is. */
export async function shareBoundary(db: Db, boundaryId: string, linkId: string, now: Date): Promise<void> {
  await db.insertInto('boundary_shares').values({ boundary_id: boundaryId, link_id: linkId, shared_at: toDbInstant(now) })
    .onConflict((oc) => oc.doNothing()).execute();
}

/** Stops showing a boundary through one link, or through every link. */
export async function unshareBoundary(db: Db, boundaryId: string, linkId?: string): Promise<number> {
  let q = db.deleteFrom('boundary_shares').where('boundary_id', '=', boundaryId);
  if (linkId) q = q.where('link_id', '=', linkId);
  return Number((await q.executeTakeFirst()).numDeletedRows);
}

/** The boundaries `ownerId` shows through this one link, opened. */
export async function boundariesSharedThrough(db: Db, seal: TextSeal, ownerId: string, linkId: string): Promise<string[]> {
  const rows = await db.selectFrom('boundaries').innerJoin('boundary_shares', 'boundary_shares.boundary_id', 'boundaries.id')
    .select(['boundaries.id', 'boundaries.person_id', 'boundaries.text'])
    .where('boundaries.person_id', '=', ownerId).where('boundary_shares.link_id', '=', linkId)
    .orderBy('boundaries.created_at').orderBy('boundaries.id').execute();
  return rows.map((r) => seal.open(r.text, placeOf('boundaries', 'text', r)));
}
