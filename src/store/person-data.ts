import { sql } from 'kysely';
import { isSqlite, type Db } from './database.js';
import { PERSON_TABLES } from './schema.js';
import type { TextSeal } from './sealed-text.js';

/** Every row of a person's, free text opened, for `/export`. */
export async function exportPersonRows(db: Db, seal: TextSeal, personId: string) {
  const person = await db.selectFrom('people').selectAll().where('id', '=', personId).executeTakeFirstOrThrow();
  const tables: Record<string, unknown[]> = {};
  for (const table of PERSON_TABLES) {
    const rows = await db.selectFrom(table).selectAll().where('person_id', '=', personId).execute();
    tables[table] = rows.map((row) => openSealedFields(row as Record<string, unknown>, seal));
  }
  // Links are listed with their consent, never with the other person's data.
  const links = await db.selectFrom('links').selectAll()
    .where((eb) => eb.or([eb('person_id', '=', personId), eb('supporter_id', '=', personId)])).execute();
  tables.links = links.map((l) => ({
    id: l.id, relation: l.relation, side: l.person_id === personId ? 'you share' : 'you support',
    scopes: l.scopes.split(',').filter(Boolean), wants: l.wants.split(',').filter(Boolean), partner_level: l.partner_level,
    on_call: l.on_call === 1, receiving_paused: l.receiving_paused === 1,
    ready: l.ready === 1, created_at: l.created_at, ended_at: l.ended_at,
  }));
  return { person, ...tables };
}

const SEALED_FIELDS = new Set(['note', 'feeling', 'text', 'answers']);

function openSealedFields(row: Record<string, unknown>, seal: TextSeal) {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = SEALED_FIELDS.has(k) && typeof v === 'string' ? seal.open(v) : v;
  return out;
}

/** Erases the person and, by cascade and explicitly, every row of theirs. */
export async function deletePerson(db: Db, personId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const table of PERSON_TABLES) await trx.deleteFrom(table).where('person_id', '=', personId).execute();
    await trx.deleteFrom('links').where((eb) => eb.or([eb('person_id', '=', personId), eb('supporter_id', '=', personId)])).execute();
    await trx.deleteFrom('outbox').where((eb) => eb.or([eb('recipient_id', '=', personId), eb('about_id', '=', personId)])).execute();
    await trx.deleteFrom('people').where('id', '=', personId).execute();
  });
  // Move the erased pages out of the write-ahead log too, so nothing of theirs lingers on disk.
  if (isSqlite(db)) await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
}

/** Whether a person has anything of their own yet (a fresh account may join another person). */
export async function hasOwnHistory(db: Db, personId: string): Promise<boolean> {
  for (const table of ['checkins', 'goals', 'boundaries', 'circles', 'fanos_entries', 'group_members'] as const) {
    if (await db.selectFrom(table).select('person_id').where('person_id', '=', personId).executeTakeFirst()) return true;
  }
  const link = await db.selectFrom('links').select('id')
    .where((eb) => eb.or([eb('person_id', '=', personId), eb('supporter_id', '=', personId)])).executeTakeFirst();
  const accounts = await db.selectFrom('accounts').select('id').where('person_id', '=', personId).execute();
  return Boolean(link) || accounts.length > 1;
}

/** Moves an account (with no history of its own) to another person and drops the empty person it leaves. */
export async function joinAccountTo(db: Db, account: string, from: string, to: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('accounts').set({ person_id: to }).where('id', '=', account).execute();
    await trx.deleteFrom('sobriety_periods').where('person_id', '=', from).execute();
    await trx.deleteFrom('people').where('id', '=', from).execute();
  });
}
