import type { Log } from '../log.js';
import { attachmentRefusedNote } from '../messages/attachment-refused.js';
import type { SendResult } from '../ports/platform.js';
import type { Reply } from '../ports/reply.js';
import type { Db } from '../store/database.js';
import { finishMessage, type OutboxMessage } from '../store/outbox.js';
import { replaceRefusedAttachment } from '../store/outbox-degrade.js';
import type { TextSeal } from '../store/sealed-text.js';

export type Refusal = Extract<SendResult, { error: 'refused' }>;

/**
 * What a message becomes when its picture or file was refused: the same words and buttons,
 * without the attachment, under a short note saying so. A picture with no words keeps its
 * description (alt text) as the words. When the words had arrived already, the note goes alone.
 */
export function withoutAttachment(reply: Reply, textDelivered = false): Reply {
  const att = reply.attachment;
  if (!att) return reply;
  const { attachment: _dropped, ...rest } = reply;
  // Words that arrived already (sent apart from the picture) are not sent twice: the note alone.
  const words = textDelivered ? '' : reply.text.trim() !== '' ? reply.text : att.kind === 'image' ? att.alt.trim() : '';
  const note = attachmentRefusedNote(att.kind, words !== '');
  return { ...rest, text: words === '' ? note : `${note}\n\n${words}` };
}

/**
 * A permanent refusal from the platform. A refused picture or file is not retried: the row is
 * queued again at once as its text with a note, so the person still gets the words. A refused
 * message without one (or its text, refused as well) fails now; retrying would not help.
 */
export async function handleRefusal(
  deps: { db: Db; seal: TextSeal; log: Log }, m: OutboxMessage, refusal: Refusal, now: Date, meta: Record<string, unknown>,
): Promise<void> {
  const { db, seal, log } = deps;
  if (refusal.attachment && m.reply.attachment) {
    const replaced = await replaceRefusedAttachment(db, seal, m, withoutAttachment(m.reply, refusal.textDelivered === true), now, refusal.reason);
    if (replaced) log.warn({ ...meta, outcome: 'attachment-refused', attachment: m.reply.attachment.kind, reason: refusal.reason }, 'the platform refused an attachment; sending the text without it');
    return;
  }
  await finishMessage(db, m.id, 'failed', now, { error: `refused: ${refusal.reason}`.slice(0, 200) });
  log.error({ ...meta, outcome: 'refused', reason: refusal.reason }, 'the platform refused the message for good');
}
