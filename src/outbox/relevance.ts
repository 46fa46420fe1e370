import { mayReceiveAll } from '../domain/consent.js';
import { quietUntil } from '../domain/due-time.js';
import { localDateOf } from '../domain/local-date.js';
import type { MessageKind } from '../domain/message-topic.js';
import { isPaused } from '../domain/person.js';
import { hasCheckinOn } from '../store/checkins.js';
import type { Db } from '../store/database.js';
import { celebratesIn } from '../store/groups.js';
import { activeLinkBetween, getLink } from '../store/links.js';
import type { OutboxMessage } from '../store/outbox.js';
import { getPerson } from '../store/people.js';

export type Verdict = { send: true } | { send: false; defer: Date } | { send: false; skip: string };

/** Kinds that are about the recipient's own day: stale once that day is over or answered. */
const ABOUT_TODAY = new Set<MessageKind>(['prompt', 'reminder']);
/** Kinds a pause stops (PRODUCT: pausing stops prompts and alerts, never the counter). */
const PAUSABLE = new Set<MessageKind>(['prompt', 'reminder', 'alert', 'summary']);

/**
 * Decided when the message is about to be sent, not when it was queued: quiet hours,
 * pauses and answered days can all have changed in between.
 */
export async function checkRelevance(db: Db, m: OutboxMessage, now: Date): Promise<Verdict> {
  const recipient = m.recipientId ? await getPerson(db, m.recipientId) : null;
  if (m.recipientId && !recipient) return { send: false, skip: 'recipient-deleted' };
  if (recipient && PAUSABLE.has(m.kind) && isPaused(recipient, now)) return { send: false, skip: 'paused' };
  if (m.aboutId && m.aboutId !== m.recipientId) {
    const about = await getPerson(db, m.aboutId);
    if (!about) return { send: false, skip: 'subject-deleted' };
    if (PAUSABLE.has(m.kind) && isPaused(about, now)) return { send: false, skip: 'paused' };
    if (!(await stillConsented(db, m))) return { send: false, skip: 'withheld' };
  }
  if (recipient && ABOUT_TODAY.has(m.kind) && m.aboutDate) {
    if (localDateOf(now, recipient.timezone) !== m.aboutDate) return { send: false, skip: 'day-over' };
    if (await hasCheckinOn(db, recipient.id, m.aboutDate)) return { send: false, skip: 'checked-in' };
  }
  if (recipient && !m.urgent && m.kind !== 'reply') {
    const until = quietUntil(recipient.quiet, recipient.timezone, now);
    if (until) return { send: false, defer: until };
  }
  return { send: true };
}

/**
 * Consent is checked when a message is sent, not when it was queued: a scope revoked,
 * a link ended or a partner's "nothing" stops even a message already waiting. A message
 * about someone else goes only under a rule that still allows it.
 */
async function stillConsented(db: Db, m: OutboxMessage): Promise<boolean> {
  const aboutId = m.aboutId!;
  // An answer was decided when it was asked; it carries someone's words only so that their erasure reaches it.
  if (m.topic === 'answer') return true;
  if (m.topic === 'group-milestone') return celebratesIn(db, m.to.chatId, aboutId);
  if (m.topic === 'fanos') {
    // While the partner says /ready; and nothing reaches a partner who paused receiving.
    const link = m.linkId ? await getLink(db, m.linkId) : null;
    return link !== null && !link.ended && link.ready && !(link.receivingPaused && m.recipientId === link.supporterId);
  }
  if (!m.recipientId || m.needs.length === 0) return false;
  const link = await activeLinkBetween(db, aboutId, m.recipientId);
  return link !== null && mayReceiveAll(link, m.needs, m.reportsRelapse ?? false);
}
