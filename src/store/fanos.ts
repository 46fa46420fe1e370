import { toDbInstant } from './convert.js';
import type { Db } from './database.js';
import { placeOf } from './person-registry.js';
import type { TextSeal } from './sealed-text.js';

/** One person's FANOS answers in one round (a week), by step name. */
export type FanosAnswers = Record<string, string>;

export interface FanosEntry {
  personId: string;
  answers: FanosAnswers;
  sharedAt: string | null;
}

export async function fanosAnswersOf(db: Db, seal: TextSeal, linkId: string, personId: string, round: string): Promise<FanosAnswers> {
  const row = await db.selectFrom('fanos_entries').select('answers')
    .where('link_id', '=', linkId).where('person_id', '=', personId).where('round', '=', round).executeTakeFirst();
  return row ? JSON.parse(seal.open(row.answers, placeOf('fanos_entries', 'answers', { link_id: linkId, person_id: personId, round }))) as FanosAnswers : {};
}

export async function saveFanosAnswers(db: Db, seal: TextSeal, e: { linkId: string; personId: string; round: string; answers: FanosAnswers }, now: Date): Promise<void> {
  const sealed = seal.seal(JSON.stringify(e.answers), placeOf('fanos_entries', 'answers', { link_id: e.linkId, person_id: e.personId, round: e.round }));
  await db.insertInto('fanos_entries')
    .values({ link_id: e.linkId, person_id: e.personId, round: e.round, answers: sealed, created_at: toDbInstant(now), shared_at: null })
    .onConflict((oc) => oc.columns(['link_id', 'person_id', 'round']).doUpdateSet({ answers: sealed })).execute();
}

/** Both sides' entries in one round of one link. */
export async function fanosRound(db: Db, seal: TextSeal, linkId: string, round: string): Promise<FanosEntry[]> {
  const rows = await db.selectFrom('fanos_entries').selectAll().where('link_id', '=', linkId).where('round', '=', round).execute();
  return rows.map((r) => ({ personId: r.person_id, answers: JSON.parse(seal.open(r.answers, placeOf('fanos_entries', 'answers', r))) as FanosAnswers, sharedAt: r.shared_at }));
}

export async function markFanosShared(db: Db, linkId: string, round: string, now: Date): Promise<void> {
  await db.updateTable('fanos_entries').set({ shared_at: toDbInstant(now) }).where('link_id', '=', linkId).where('round', '=', round).execute();
}
