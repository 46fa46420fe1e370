import { toDbInstant } from './convert.js';
import type { Db } from './database.js';

/** Ids of encouragements the person saw, most recent first. */
export async function recentlySeen(db: Db, personId: string, limit = 20): Promise<string[]> {
  const rows = await db.selectFrom('encouragement_seen').select('message_id')
    .where('person_id', '=', personId).orderBy('seen_at', 'desc').limit(limit).execute();
  return rows.map((r) => r.message_id);
}

export async function markSeen(db: Db, personId: string, messageId: string, now: Date): Promise<void> {
  const seen_at = toDbInstant(now);
  await db.insertInto('encouragement_seen').values({ person_id: personId, message_id: messageId, seen_at })
    .onConflict((oc) => oc.columns(['person_id', 'message_id']).doUpdateSet({ seen_at }))
    .execute();
}
