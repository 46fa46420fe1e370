import { randomUUID } from 'node:crypto';
import { DEFAULT_WANTS, type LinkConsent, type PartnerLevel, type Relation, type Scope } from '../domain/consent.js';
import { fromDbBool, toDbBool, toDbInstant } from './convert.js';
import type { Db } from './database.js';
import type { LinksTable } from './schema.js';

export interface Link extends LinkConsent {
  id: string;
  /** The person who shares. */
  personId: string;
  /** The sponsor, partner or coach who receives what was shared. */
  supporterId: string;
  ready: boolean;
  reachedOutAt: Date | null;
  createdAt: Date;
}

function toLink(r: LinksTable): Link {
  return {
    id: r.id,
    personId: r.person_id,
    supporterId: r.supporter_id,
    relation: r.relation as Relation,
    scopes: r.scopes.split(',').filter(Boolean) as Scope[],
    wants: r.wants.split(',').filter(Boolean) as Scope[],
    partnerLevel: r.partner_level as PartnerLevel | null,
    onCall: fromDbBool(r.on_call),
    receivingPaused: fromDbBool(r.receiving_paused),
    ended: r.ended_at !== null,
    ready: fromDbBool(r.ready),
    reachedOutAt: r.reached_out_at ? new Date(r.reached_out_at) : null,
    createdAt: new Date(r.created_at),
  };
}

export async function createLink(
  db: Db, l: { personId: string; supporterId: string; relation: Relation; scopes: readonly Scope[]; wants?: readonly Scope[] }, now: Date,
): Promise<Link> {
  const id = randomUUID();
  await db.insertInto('links').values({
    id, person_id: l.personId, supporter_id: l.supporterId, relation: l.relation, scopes: l.scopes.join(','),
    wants: (l.wants ?? DEFAULT_WANTS).join(','), on_call: 0,
    created_at: toDbInstant(now), ended_at: null,
    partner_level: l.relation === 'partner' ? 'nothing' : null, receiving_paused: 0, ready: 0, reached_out_at: null,
  }).execute();
  return (await getLink(db, id))!;
}

export async function getLink(db: Db, id: string): Promise<Link | null> {
  const r = await db.selectFrom('links').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toLink(r) : null;
}

/** Active links a person is part of, on either side, oldest first. */
export async function linksOf(db: Db, personId: string): Promise<Link[]> {
  const rows = await db.selectFrom('links').selectAll().where('ended_at', 'is', null)
    .where((eb) => eb.or([eb('person_id', '=', personId), eb('supporter_id', '=', personId)]))
    .orderBy('created_at').execute();
  return rows.map(toLink);
}

/** Active links through which `personId` shares. */
export async function sharingLinks(db: Db, personId: string): Promise<Link[]> {
  const rows = await db.selectFrom('links').selectAll().where('person_id', '=', personId).where('ended_at', 'is', null).execute();
  return rows.map(toLink);
}

export async function updateLink(
  db: Db, id: string,
  s: Partial<{
    scopes: readonly Scope[]; wants: readonly Scope[]; partnerLevel: PartnerLevel; onCall: boolean;
    receivingPaused: boolean; ready: boolean; reachedOutAt: Date; endedAt: Date;
  }>,
): Promise<void> {
  const set: Partial<LinksTable> = {};
  if (s.scopes) set.scopes = s.scopes.join(',');
  if (s.wants) set.wants = s.wants.join(',');
  if (s.onCall !== undefined) set.on_call = toDbBool(s.onCall);
  if (s.partnerLevel) set.partner_level = s.partnerLevel;
  if (s.receivingPaused !== undefined) set.receiving_paused = toDbBool(s.receivingPaused);
  if (s.ready !== undefined) set.ready = toDbBool(s.ready);
  if (s.reachedOutAt) set.reached_out_at = toDbInstant(s.reachedOutAt);
  if (s.endedAt) set.ended_at = toDbInstant(s.endedAt);
  if (Object.keys(set).length > 0) await db.updateTable('links').set(set).where('id', '=', id).execute();
}

/** The name a person goes by: the display name of their most recently used account (or `unnamed`). */
export async function displayNameOf(db: Db, personId: string, unnamed = 'Someone you support'): Promise<string> {
  const row = await db.selectFrom('accounts').select('display_name').where('person_id', '=', personId)
    .where('display_name', 'is not', null)
    .orderBy((eb) => eb.fn.coalesce('last_seen_at', 'created_at'), 'desc').executeTakeFirst();
  return row?.display_name ?? unnamed;
}

/** The active link through which `personId` shares with `supporterId`, if any. */
export async function activeLinkBetween(db: Db, personId: string, supporterId: string): Promise<Link | null> {
  const r = await db.selectFrom('links').selectAll().where('person_id', '=', personId)
    .where('supporter_id', '=', supporterId).where('ended_at', 'is', null).executeTakeFirst();
  return r ? toLink(r) : null;
}
