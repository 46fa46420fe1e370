import { toDbInstant } from './convert.js';
import type { Db } from './database.js';
import type { OutboxTable } from './schema.js';

/**
 * A new sender for a platform takes back what the previous one left mid-send. Only the
 * holder of a platform's sender lock sends that platform's rows, and the lock is free only
 * once the previous holder's connection is gone, so every row of the platform still
 * 'sending' is a dead send: it is taken back at once, not after the send timeout. As with
 * recoverInterrupted, each is sent again once; a second interruption marks it failed, so a
 * crash loop can never become a message storm.
 */
export async function takeBackPlatformSends(db: Db, platform: string): Promise<{ requeued: number; failed: number }> {
  const failed = await db.updateTable('outbox').set({ status: 'failed', last_error: 'interrupted twice; outcome unknown' })
    .where('platform', '=', platform).where('status', '=', 'sending').where('last_error', '=', 'interrupted').executeTakeFirst();
  const requeued = await db.updateTable('outbox').set({ status: 'queued', last_error: 'interrupted' })
    .where('platform', '=', platform).where('status', '=', 'sending').executeTakeFirst();
  return { requeued: Number(requeued.numUpdatedRows), failed: Number(failed.numUpdatedRows) };
}

/**
 * The oldest due rows of the platforms this instance sends for: another platform's backlog,
 * which its own sender elsewhere works through, never fills the window read here.
 */
export async function dueMessagesOf(db: Db, now: Date, limit: number, platforms: readonly string[]): Promise<OutboxTable[]> {
  if (platforms.length === 0) return [];
  return db.selectFrom('outbox').selectAll()
    .where('status', '=', 'queued').where('not_before', '<=', toDbInstant(now)).where('platform', 'in', platforms)
    .orderBy('not_before').orderBy('created_at').limit(limit).execute();
}
