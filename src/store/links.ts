import type { Db } from './database.js';

export interface ActiveLink {
  id: string;
  personId: string;
  supporterId: string;
  relation: string;
  scopes: string[];
}

/** Active links through which `personId` shares `scope`. */
export async function activeLinksWithScope(db: Db, personId: string, scope: string): Promise<ActiveLink[]> {
  const rows = await db.selectFrom('links').selectAll().where('person_id', '=', personId).where('ended_at', 'is', null).execute();
  return rows
    .map((r) => ({ id: r.id, personId: r.person_id, supporterId: r.supporter_id, relation: r.relation, scopes: r.scopes.split(',').filter(Boolean) }))
    .filter((l) => l.scopes.includes(scope));
}

/** The name a person goes by: the display name of their most recently used account. */
export async function displayNameOf(db: Db, personId: string): Promise<string> {
  const row = await db.selectFrom('accounts').select('display_name').where('person_id', '=', personId)
    .where('display_name', 'is not', null)
    .orderBy((eb) => eb.fn.coalesce('last_seen_at', 'created_at'), 'desc').executeTakeFirst();
  return row?.display_name ?? 'Someone you support';
}
