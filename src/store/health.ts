import { sql } from 'kysely';
import type { Db } from './database.js';

/** Throws when the database does not answer. */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}

/** Outbox rows still to be sent, in flight, or given up on, with the oldest queued due time. */
export async function outboxBacklog(db: Db): Promise<{ queued: number; sending: number; failed: number; oldestQueued: string | null }> {
  const rows = await db.selectFrom('outbox').select((eb) => ['status', eb.fn.countAll<number>().as('n'), eb.fn.min('not_before').as('oldest')])
    .where('status', 'in', ['queued', 'sending', 'failed']).groupBy('status').execute();
  const by = new Map(rows.map((r) => [r.status, r]));
  const oldest = by.get('queued')?.oldest;
  return {
    queued: Number(by.get('queued')?.n ?? 0),
    sending: Number(by.get('sending')?.n ?? 0),
    failed: Number(by.get('failed')?.n ?? 0),
    oldestQueued: oldest ? String(oldest) : null,
  };
}
