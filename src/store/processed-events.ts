import { toDbInstant } from './convert.js';
import type { Db } from './database.js';

/** Claims a platform update id; false when it was handled before, so a redelivery changes nothing. */
export async function claimEvent(db: Db, key: string, now: Date): Promise<boolean> {
  const r = await db.insertInto('processed_events').values({ key, processed_at: toDbInstant(now) })
    .onConflict((oc) => oc.doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function forgetEventsBefore(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('processed_events').where('processed_at', '<', toDbInstant(before)).execute();
}
