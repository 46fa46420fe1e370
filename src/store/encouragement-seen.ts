import { sql } from 'kysely';
import { toDbInstant } from './convert.js';
import type { Db } from './database.js';

/** Ids of encouragements the person saw, most recent first. */
export async function recentlySeen(db: Db, personId: string, limit = 20): Promise<string[]> {
  // Written out, like markSeen: both run on every finished check-in.
  const { rows } = await sql<{ message_id: string }>`
    select message_id from encouragement_seen where person_id = ${personId} order by seen_at desc limit ${limit}`.execute(db);
  return rows.map((r) => r.message_id);
}

export async function markSeen(db: Db, personId: string, messageId: string, now: Date): Promise<void> {
  const seen_at = toDbInstant(now);
  await sql`insert into encouragement_seen (person_id, message_id, seen_at) values (${personId}, ${messageId}, ${seen_at})
    on conflict (person_id, message_id) do update set seen_at = excluded.seen_at`.execute(db);
}
