import type { RecoveryStatus } from '../domain/checkin.js';
import { mayReceiveAll, type Scope } from '../domain/consent.js';
import type { LocalDate } from '../domain/local-date.js';
import type { MessageTopic } from '../domain/message-topic.js';
import type { Person } from '../domain/person.js';
import { reply, type Button } from '../ports/reply.js';
import type { Db } from '../store/database.js';
import { sharingLinks, type Link } from '../store/links.js';
import { enqueueMessage, replaceQueuedNews, type NewOutboxMessage } from '../store/outbox.js';
import { homeAccount } from '../store/people.js';
import type { TextSeal } from '../store/sealed-text.js';

export interface Disclosure {
  topic: MessageTopic;
  /** Every scope the message's content needs; all must still be granted when it is sent. */
  needs: readonly Scope[];
  /** When the content differs per receiver (mood only for some): the scopes this receiver's text needs. */
  needsFor?: (link: Link) => readonly Scope[];
  reportsRelapse?: boolean;
  /** Status news and its corrections: the day's status the message tells. */
  tellsStatus?: RecoveryStatus;
  aboutDate?: LocalDate;
  /** Replaces the message still waiting about the same thing for the same receiver (its latest version wins). */
  replaceQueued?: boolean;
  /** Unique per message; each receiver's copy is `${key}:${supporterId}`. */
  key: string;
  /** Text for one receiver, or null to send nothing through this link. */
  text: (link: Link) => string | null;
  buttons?: (link: Link) => Button[][] | undefined;
  urgent?: boolean;
  notBefore: Date;
  /** Only links for which this holds (e.g. only coaches). */
  only?: (link: Link) => boolean;
}

/** Who a disclosure would reach now: which of the person's links allow it, and where each receiver is reached. */
export type Audience = Pick<Disclosure, 'needs' | 'needsFor' | 'reportsRelapse' | 'only'>;

/** The links that may carry a message about `personId` now, each with its receiver's account and the scopes it needs. */
export async function receivingLinks(db: Db, personId: string, a: Audience): Promise<{ link: Link; to: string; needs: readonly Scope[] }[]> {
  const out: { link: Link; to: string; needs: readonly Scope[] }[] = [];
  for (const link of await sharingLinks(db, personId)) {
    if (a.only && !a.only(link)) continue;
    const needs = a.needsFor?.(link) ?? a.needs;
    if (!mayReceiveAll(link, needs, a.reportsRelapse ?? false)) continue;
    const to = await homeAccount(db, link.supporterId);
    if (to) out.push({ link, to, needs });
  }
  return out;
}

/**
 * Queues a message about `person` to each supporter whose link allows it now; the same
 * rule runs again when each message is sent, so revoking stops what is already queued.
 */
export async function discloseToSupporters(db: Db, seal: TextSeal, person: Person, d: Disclosure, now: Date): Promise<number> {
  let queued = 0;
  for (const { link, to, needs } of await receivingLinks(db, person.id, d)) {
    const text = d.text(link);
    if (!text) continue;
    const m: NewOutboxMessage = {
      key: `${d.key}:${link.supporterId}`, topic: d.topic, to: { chatId: to, kind: 'dm' },
      recipientId: link.supporterId, aboutId: person.id, aboutDate: d.aboutDate ?? null, needs, reportsRelapse: d.reportsRelapse,
      tellsStatus: d.tellsStatus, urgent: d.urgent, reply: reply(text, { buttons: d.buttons?.(link) }), notBefore: d.notBefore,
    };
    const ok = d.replaceQueued ? await replaceQueuedNews(db, seal, m, now) : await enqueueMessage(db, seal, m, now);
    if (ok) queued += 1;
  }
  return queued;
}
