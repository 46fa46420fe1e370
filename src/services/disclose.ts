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

/**
 * Queues a message about `person` to each supporter whose link allows it now; the same
 * rule runs again when each message is sent, so revoking stops what is already queued.
 */
export async function discloseToSupporters(db: Db, seal: TextSeal, person: Person, d: Disclosure, now: Date): Promise<number> {
  let queued = 0;
  for (const link of await sharingLinks(db, person.id)) {
    if (d.only && !d.only(link)) continue;
    const needs = d.needsFor?.(link) ?? d.needs;
    if (!mayReceiveAll(link, needs, d.reportsRelapse ?? false)) continue;
    const text = d.text(link);
    const to = await homeAccount(db, link.supporterId);
    if (!text || !to) continue;
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
