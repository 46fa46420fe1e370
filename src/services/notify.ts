import type { LocalDate } from '../domain/local-date.js';
import type { MessageTopic } from '../domain/message-topic.js';
import { reply, type Button } from '../ports/reply.js';
import { enqueueMessage } from '../store/outbox.js';
import { homeAccount } from '../store/people.js';
import type { CoreDeps } from './context.js';

/** Queues a message to a person on their home platform. Carries nobody else's data unless `aboutId` says whose. */
export async function notifyPerson(
  deps: Pick<CoreDeps, 'db' | 'seal'>, personId: string, key: string, text: string, now: Date,
  opts: {
    topic?: MessageTopic; buttons?: Button[][]; urgent?: boolean;
    /** A specific account of theirs, rather than the one they used last. */
    account?: string;
    /** Whose words the message carries (so /delete of that person removes it). */
    aboutId?: string; aboutDate?: LocalDate;
    /** The link whose own state must still allow it when it is sent (FANOS). */
    linkId?: string;
  } = {},
): Promise<boolean> {
  const to = opts.account ?? await homeAccount(deps.db, personId);
  if (!to) return false;
  return enqueueMessage(deps.db, deps.seal, {
    key, topic: opts.topic ?? 'link-news', to: { chatId: to, kind: 'dm' }, recipientId: personId, urgent: opts.urgent,
    aboutId: opts.aboutId, aboutDate: opts.aboutDate, linkId: opts.linkId,
    reply: reply(text, { buttons: opts.buttons }), notBefore: now,
  }, now);
}
