import { quietUntil } from '../domain/due-time.js';
import { localDateOf } from '../domain/local-date.js';
import { isPaused } from '../domain/person.js';
import type { Db } from '../store/database.js';
import type { OutboxMessage } from '../store/outbox.js';
import { getPerson } from '../store/people.js';
import { getLink } from '../store/links.js';
import { allowed, decodeScopes } from '../services/disclose.js';

export type Verdict = { send: true } | { send: false; defer: Date } | { send: false; skip: string };

/** Kinds that are about the recipient's own day: stale once that day is over or answered. */
const ABOUT_TODAY = new Set(['prompt', 'reminder']);
/** Kinds a pause stops (PRODUCT: pausing stops prompts and alerts, never the counter). */
const PAUSABLE = new Set(['prompt', 'reminder', 'alert', 'summary']);

/**
 * Decided when the message is about to be sent, not when it was queued: quiet hours,
 * pauses and answered days can all have changed in between.
 */
export async function checkRelevance(db: Db, m: OutboxMessage, now: Date, dayOf: (m: OutboxMessage) => string | null): Promise<Verdict> {
  const recipient = m.recipientId ? await getPerson(db, m.recipientId) : null;
  if (m.recipientId && !recipient) return { send: false, skip: 'recipient-deleted' };
  if (recipient && PAUSABLE.has(m.kind) && isPaused(recipient, now)) return { send: false, skip: 'paused' };
  if (m.aboutId && m.aboutId !== m.recipientId) {
    const about = await getPerson(db, m.aboutId);
    if (!about) return { send: false, skip: 'subject-deleted' };
    if (PAUSABLE.has(m.kind) && isPaused(about, now)) return { send: false, skip: 'paused' };
    if (!(await stillConsented(db, m))) return { send: false, skip: 'withheld' };
  }
  if (recipient && ABOUT_TODAY.has(m.kind)) {
    const day = dayOf(m);
    if (day && localDateOf(now, recipient.timezone) !== day) return { send: false, skip: 'day-over' };
    if (day && (await db.selectFrom('checkins').select('local_date').where('person_id', '=', recipient.id).where('local_date', '=', day).executeTakeFirst())) {
      return { send: false, skip: 'checked-in' };
    }
  }
  if (recipient && !m.urgent && m.kind !== 'reply') {
    const until = quietUntil(recipient.quiet, recipient.timezone, now);
    if (until) return { send: false, defer: until };
  }
  return { send: true };
}

/**
 * Consent is checked when a message is sent, not when it was queued: a scope revoked,
 * a link ended or a partner's "nothing" stops even a message already waiting.
 */
async function stillConsented(db: Db, m: OutboxMessage): Promise<boolean> {
  if (!m.scope || !m.aboutId) return false;
  if (m.scope === 'group-celebrate') {
    const member = await db.selectFrom('group_members').select('celebrate')
      .where('group_id', '=', m.to.chatId).where('person_id', '=', m.aboutId).executeTakeFirst();
    return member?.celebrate === 1;
  }
  if (m.scope.startsWith('fanos:')) {
    const link = await getLink(db, m.scope.slice('fanos:'.length));
    return link !== null && !link.ended && link.ready;
  }
  if (!m.recipientId) return false;
  const { scopes, relapse } = decodeScopes(m.scope);
  const row = await db.selectFrom('links').select('id').where('person_id', '=', m.aboutId)
    .where('supporter_id', '=', m.recipientId).where('ended_at', 'is', null).executeTakeFirst();
  const link = row ? await getLink(db, row.id) : null;
  return link !== null && scopes.length > 0 && allowed(link, scopes, relapse);
}
