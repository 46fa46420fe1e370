import { mayReceive, type Scope } from '../domain/consent.js';
import type { Person } from '../domain/person.js';
import type { Button } from '../ports/reply.js';
import { reply } from '../ports/reply.js';
import type { Db } from '../store/database.js';
import { sharingLinks, type Link } from '../store/links.js';
import { enqueueMessage } from '../store/outbox.js';
import { homeAccount } from '../store/people.js';
import type { TextSeal } from '../store/sealed-text.js';
import type { MessageKind } from '../ports/platform.js';

export interface Disclosure {
  kind: MessageKind;
  /** Every scope the message's content needs; all must still be granted when it is sent. */
  scopes: readonly Scope[];
  /** When the content differs per receiver (mood only for some): the scopes this receiver's text needs. */
  scopesFor?: (link: Link) => readonly Scope[];
  relapse?: boolean;
  /** Unique per message and receiver: `${key}:${supporterId}`. */
  key: string;
  /** Text for one receiver, or null to send nothing through this link. */
  text: (link: Link) => string | null;
  buttons?: (link: Link) => Button[][] | undefined;
  urgent?: boolean;
  notBefore: Date;
  /** Only links for which this holds (e.g. only coaches). */
  only?: (link: Link) => boolean;
}

/** Encodes a disclosure's scopes for the outbox row; decoded by the consent check at send time. */
export function encodeScopes(scopes: readonly Scope[], relapse: boolean): string {
  return `${scopes.join('+')}${relapse ? '|relapse' : ''}`;
}

export function decodeScopes(s: string): { scopes: Scope[]; relapse: boolean } {
  const [list, flag] = s.split('|');
  return { scopes: (list ?? '').split('+').filter(Boolean) as Scope[], relapse: flag === 'relapse' };
}

export function allowed(link: Link, scopes: readonly Scope[], relapse: boolean): boolean {
  return scopes.every((scope) => mayReceive(link, { scope, relapse }));
}

/**
 * Queues a message about `person` to each supporter whose link allows it now; the same
 * rule runs again when each message is sent, so revoking stops what is already queued.
 */
export async function discloseToSupporters(db: Db, seal: TextSeal, person: Person, d: Disclosure, now: Date): Promise<number> {
  let queued = 0;
  for (const link of await sharingLinks(db, person.id)) {
    if (d.only && !d.only(link)) continue;
    const scopes = d.scopesFor?.(link) ?? d.scopes;
    if (!allowed(link, scopes, d.relapse ?? false)) continue;
    const text = d.text(link);
    const to = await homeAccount(db, link.supporterId);
    if (!text || !to) continue;
    const ok = await enqueueMessage(db, seal, {
      key: `${d.key}:${link.supporterId}`, kind: d.kind, to: { chatId: to, kind: 'dm' },
      recipientId: link.supporterId, aboutId: person.id, scope: encodeScopes(scopes, d.relapse ?? false),
      urgent: d.urgent, reply: reply(text, { buttons: d.buttons?.(link) }), notBefore: d.notBefore,
    }, now);
    if (ok) queued += 1;
  }
  return queued;
}
