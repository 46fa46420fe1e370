import type { Db } from './database.js';
import { toDbBool } from './convert.js';

/** Why a dropped answer was never sent (a fixed phrase: nothing of what it said). */
export const DROPPED_OVER_CAP = 'dropped: too many answers waiting for this chat';

/**
 * Keeps at most `keep` ordinary answers waiting for one chat: the oldest beyond that are marked
 * skipped and their text is erased now. Only ordinary answers (topic "answer", not urgent) are
 * ever dropped: SOS, alerts, status news, consent asks, prompts and group posts have topics of
 * their own and are never touched. Returns how many were dropped.
 */
export async function dropOldestQueuedAnswers(db: Db, chatId: string, keep: number): Promise<number> {
  const waiting = await db.selectFrom('outbox').select('id')
    .where('status', '=', 'queued').where('chat_id', '=', chatId).where('topic', '=', 'answer').where('urgent', '=', toDbBool(false))
    .orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
  if (waiting.length <= keep) return 0;
  const r = await db.updateTable('outbox')
    .set({ status: 'skipped', last_error: DROPPED_OVER_CAP, payload: '', tells_status: null })
    .where('id', 'in', waiting.slice(keep).map((w) => w.id)).where('status', '=', 'queued').executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** How many ordinary answers wait for a chat. */
export async function queuedAnswerCount(db: Db, chatId: string): Promise<number> {
  const row = await db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'queued').where('chat_id', '=', chatId).where('topic', '=', 'answer').executeTakeFirst();
  return Number(row?.n ?? 0);
}
