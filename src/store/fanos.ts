import { fromDbInstant, toDbInstant } from './convert.js';
import type { Db } from './database.js';
import { placeOf } from './person-registry.js';
import type { FanosEntriesTable } from './schema.js';
import type { TextSeal } from './sealed-text.js';

/** One person's FANOS answers in one round (a week), by step name. */
export type FanosAnswers = Record<string, string>;

/** Why a writer holds their answers back: for a planned conversation, or to take to a therapist or coach first. */
export type HoldReason = 'planned' | 'professional';

export interface FanosEntry {
  personId: string;
  round: string;
  answers: FanosAnswers;
  /** The writer saw the whole of it and chose to share it. */
  readyAt: Date | null;
  heldAt: Date | null;
  holdReason: HoldReason | null;
  sharedAt: string | null;
}

function toEntry(r: FanosEntriesTable, seal: TextSeal): FanosEntry {
  return {
    personId: r.person_id, round: r.round, answers: JSON.parse(seal.open(r.answers, placeOf('fanos_entries', 'answers', { ...r }))) as FanosAnswers,
    readyAt: r.ready_at ? fromDbInstant(r.ready_at) : null, heldAt: r.held_at ? fromDbInstant(r.held_at) : null,
    holdReason: r.hold_reason as HoldReason | null, sharedAt: r.shared_at,
  };
}

export async function fanosEntryOf(db: Db, seal: TextSeal, linkId: string, personId: string, round: string): Promise<FanosEntry | null> {
  const row = await db.selectFrom('fanos_entries').selectAll()
    .where('link_id', '=', linkId).where('person_id', '=', personId).where('round', '=', round).executeTakeFirst();
  return row ? toEntry(row, seal) : null;
}

/** Saves answers; a changed answer is back in the writer's hands (neither ready nor held) until they review it again. */
export async function saveFanosAnswers(db: Db, seal: TextSeal, e: { linkId: string; personId: string; round: string; answers: FanosAnswers }, now: Date): Promise<void> {
  const sealed = seal.seal(JSON.stringify(e.answers), placeOf('fanos_entries', 'answers', { link_id: e.linkId, person_id: e.personId, round: e.round }));
  await db.insertInto('fanos_entries')
    .values({ link_id: e.linkId, person_id: e.personId, round: e.round, answers: sealed, created_at: toDbInstant(now), shared_at: null, ready_at: null, held_at: null, hold_reason: null })
    .onConflict((oc) => oc.columns(['link_id', 'person_id', 'round']).doUpdateSet({ answers: sealed, ready_at: null, held_at: null, hold_reason: null })).execute();
}

/** The writer's choice after seeing it whole: share it (ready), or hold it back (and why). */
export async function reviewFanosEntry(
  db: Db, key: { linkId: string; personId: string; round: string }, choice: { ready: Date } | { held: Date; reason: HoldReason | null },
): Promise<void> {
  await db.updateTable('fanos_entries').set('ready' in choice
    ? { ready_at: toDbInstant(choice.ready), held_at: null, hold_reason: null }
    : { ready_at: null, held_at: toDbInstant(choice.held), hold_reason: choice.reason })
    .where('link_id', '=', key.linkId).where('person_id', '=', key.personId).where('round', '=', key.round).where('shared_at', 'is', null).execute();
}

/** Both sides' entries in one round of one link. */
export async function fanosRound(db: Db, seal: TextSeal, linkId: string, round: string): Promise<FanosEntry[]> {
  const rows = await db.selectFrom('fanos_entries').selectAll().where('link_id', '=', linkId).where('round', '=', round).execute();
  return rows.map((r) => toEntry(r, seal));
}

/** The most recent round of a link that was shared, both sides' entries; empty when none was. */
export async function latestSharedRound(db: Db, seal: TextSeal, linkId: string): Promise<FanosEntry[]> {
  const last = await db.selectFrom('fanos_entries').select('round').where('link_id', '=', linkId).where('shared_at', 'is not', null)
    .orderBy('round', 'desc').executeTakeFirst();
  return last ? fanosRound(db, seal, linkId, last.round) : [];
}

/** Marks a round shared, once: true for the one caller that did it. */
export async function markFanosShared(db: Db, linkId: string, round: string, now: Date): Promise<boolean> {
  const r = await db.updateTable('fanos_entries').set({ shared_at: toDbInstant(now) })
    .where('link_id', '=', linkId).where('round', '=', round).where('shared_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
