import type { Reply } from '../ports/reply.js';
import { toDbInstant } from './convert.js';
import type { Db } from './database.js';
import { placeOf } from './person-registry.js';
import type { TextSeal } from './sealed-text.js';

/** The row a refused message is rewritten in: its identity and where its seal is bound. */
export interface RefusedRow {
  id: string;
  key: string;
  to: { chatId: string };
  recipientId: string | null;
  reportsRelapse?: boolean;
}

/**
 * Puts a message whose attachment the platform refused back in the queue, due now, with
 * `reply` (the text without the attachment, and a note) as its payload, sealed at the same
 * place. Only a row still being sent is changed; false when another outcome was recorded.
 * The payload is the outbox's envelope (version 2: the reply, and the relapse flag inside
 * the seal); a test reads the row back through toOutboxMessage.
 */
export async function replaceRefusedAttachment(db: Db, seal: TextSeal, row: RefusedRow, reply: Reply, now: Date, reason: string): Promise<boolean> {
  const { attachment: _dropped, aboutPerson: _about, ...rest } = reply;
  const envelope = { v: 2, reply: rest, ...(row.reportsRelapse ? { relapse: true } : {}) };
  const place = { idem_key: row.key, chat_id: row.to.chatId, recipient_id: row.recipientId };
  const payload = seal.seal(JSON.stringify(envelope), placeOf('outbox', 'payload', place));
  const r = await db.updateTable('outbox')
    .set({ payload, status: 'queued', not_before: toDbInstant(now), last_error: `attachment refused: ${reason}`.slice(0, 200) })
    .where('id', '=', row.id).where('status', '=', 'sending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
