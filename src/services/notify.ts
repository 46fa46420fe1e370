import type { CoreDeps } from '../commands/context.js';
import type { MessageKind } from '../ports/platform.js';
import { reply, type Button } from '../ports/reply.js';
import { enqueueMessage } from '../store/outbox.js';
import { homeAccount } from '../store/people.js';

/** Queues a message to a person on their home platform. Carries nobody else's data. */
export async function notifyPerson(
  deps: Pick<CoreDeps, 'db' | 'seal'>, personId: string, key: string, text: string, now: Date,
  opts: {
    kind?: MessageKind; buttons?: Button[][]; urgent?: boolean;
    /** A specific account of theirs, rather than the one they used last. */
    account?: string;
    /** Whose words the message carries (so /delete of that person removes it) and the consent it needs. */
    aboutId?: string; scope?: string;
  } = {},
): Promise<boolean> {
  const to = opts.account ?? await homeAccount(deps.db, personId);
  if (!to) return false;
  return enqueueMessage(deps.db, deps.seal, {
    key, kind: opts.kind ?? 'link', to: { chatId: to, kind: 'dm' }, recipientId: personId, urgent: opts.urgent,
    aboutId: opts.aboutId, scope: opts.scope,
    reply: reply(text, { buttons: opts.buttons }), notBefore: now,
  }, now);
}
