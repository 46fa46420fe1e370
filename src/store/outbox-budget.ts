import { sql } from 'kysely';
import type { Db } from './database.js';
import { toDbBool } from './convert.js';

/** Why a dropped answer was never sent (a fixed phrase: nothing of what it said). */
export const DROPPED_OVER_CAP = 'dropped: too many answers waiting for this chat';

/*
 * Only ordinary answers (topic "answer", not urgent) are ever read or dropped here: SOS, alerts,
 * status news, consent asks, prompts and group posts have topics of their own and are never
 * touched. Answers are named by their idempotency key, which has a unique index, so the checks
 * a busy group needs on every answer stay lookups by key, however long the whole queue is.
 */

/**
 * Every ordinary answer waiting for a chat, oldest first. Without an index on the chat this
 * reads every queued row: a process does it once per chat (the first time it answers there),
 * then follows the keys it queued itself.
 */
export async function queuedAnswerKeys(db: Db, chatId: string): Promise<string[]> {
  const rows = await db.selectFrom('outbox').select('idem_key')
    .where('status', '=', 'queued').where('chat_id', '=', chatId).where('topic', '=', 'answer').where('urgent', '=', toDbBool(false))
    .orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => r.idem_key);
}

/** Of these answers, the ones not yet settled: still waiting, or being sent right now (it may come back). */
export async function unsettledAnswers(db: Db, keys: readonly string[]): Promise<Map<string, 'queued' | 'sending'>> {
  if (keys.length === 0) return new Map();
  // By key alone (the unique index), the state read here: a filter on status would let a planner
  // pick the index of every queued row instead.
  const rows = await db.selectFrom('outbox').select(['idem_key', 'status']).where('idem_key', 'in', keys).execute();
  return new Map(rows.filter((r) => r.status === 'queued' || r.status === 'sending').map((r) => [r.idem_key, r.status as 'queued' | 'sending']));
}

/** Drops these answers if they still wait: marked skipped, their text erased now. Returns how many. */
export async function dropQueuedAnswers(db: Db, keys: readonly string[]): Promise<number> {
  if (keys.length === 0) return 0;
  const r = await db.updateTable('outbox')
    .set({ status: 'skipped', last_error: DROPPED_OVER_CAP, payload: '', tells_status: null })
    // Found by key (the unique index); the state is checked as an expression, so no planner takes
    // the index of every queued row for it, yet a row taken for sending meanwhile is never dropped.
    .where('idem_key', 'in', keys).where(sql<string>`${sql.ref('status')} || ''`, '=', 'queued')
    .where('topic', '=', 'answer').where('urgent', '=', toDbBool(false))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
