import { sql, type Kysely } from 'kysely';
import type { Db } from './database.js';
import { flushErasedPages } from './retention.js';
import { PERSON_TABLES, type PersonTable, type Row, type Subject } from './person-registry.js';
import { SealError, type TextSeal } from './sealed-text.js';

/*
 * /delete, /export and /link, each walking the registry (src/store/person-registry.ts): a
 * table declared there is erased, exported and merged without a line here.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- walks tables by name, as declared in the registry
type AnyDb = Kysely<any>;

/** The person, their accounts and their groups, read before anything is erased. */
export async function subjectOf(db: Db, personId: string): Promise<Subject> {
  const accounts = await db.selectFrom('accounts').select('id').where('person_id', '=', personId).execute();
  const groups = await db.selectFrom('group_members').select('group_id').where('person_id', '=', personId).execute();
  return { personId, accounts: accounts.map((a) => a.id), groups: groups.map((g) => g.group_id) };
}

/**
 * The rows of `entry` that belong to the subject, as a where clause on a query over its table;
 * null when none can (an account column while the person has no account, or a table of nobody's).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a query over any table of the registry
function belonging<Q extends { where: (...a: any[]) => Q }>(q: Q, entry: PersonTable, s: Subject, db: AnyDb): Q | null {
  const b = entry.belongs;
  switch (b.kind) {
    case 'own':
    case 'made-by':
      return q.where(b.column, '=', s.personId);
    case 'between':
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return q.where((eb: any) => eb.or(b.columns.map((c) => eb(c, '=', s.personId))));
    case 'message':
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return q.where((eb: any) => eb.or([
        ...b.columns.map((c) => eb(c, '=', s.personId)),
        ...(s.accounts.length > 0 ? [eb(b.chat, 'in', s.accounts)] : []),
      ]));
    case 'account':
      return s.accounts.length > 0 ? q.where(b.column, 'in', s.accounts) : null;
    case 'through':
      return q.where(b.column, 'in', db.selectFrom(b.parent).select(b.parentKey).where(b.parentOwner, '=', s.personId));
    case 'nobody':
      return null;
  }
}

/** Every row of a person's, from every table of the registry, sealed text opened, for `/export`. */
export async function exportPersonRows(db: Db, seal: TextSeal, personId: string) {
  const s = await subjectOf(db, personId);
  const any = db as unknown as AnyDb;
  const out: Record<string, unknown> = {};
  for (const entry of PERSON_TABLES) {
    if (entry.export === 'none') continue;
    const q = belonging(any.selectFrom(entry.table).selectAll(), entry, s, any);
    const rows = q ? (await q.execute() as Row[]).map((r) => openForExport(entry, r, seal)) : [];
    out[entry.table] = typeof entry.export === 'function' ? entry.export(rows, s, seal) : rows;
  }
  const { people, ...tables } = out as { people: unknown[] } & Record<string, unknown>;
  return { person: people[0], ...tables };
}

/** A value that does not open (moved, altered, another key) is exported as that, not as its ciphertext. */
function openForExport(entry: PersonTable, row: Row, seal: TextSeal): Row {
  const sealing = entry.sealed;
  if (!sealing) return row;
  const out = { ...row };
  for (const column of sealing.columns) {
    const v = row[column];
    if (typeof v !== 'string' || v === '') continue;
    try {
      out[column] = seal.open(v, { table: entry.table, column, ...sealing.place(row) });
    } catch (e) {
      if (!(e instanceof SealError)) throw e;
      out[column] = '(could not be read)';
    }
  }
  return out;
}

/**
 * Erases the person and every row of theirs, table by table as the registry says, in one
 * transaction; then, on SQLite, moves the erased pages out of the write-ahead log as well.
 */
export async function deletePerson(db: Db, personId: string): Promise<Subject> {
  const s = await subjectOf(db, personId);
  await db.transaction().execute(async (trx) => {
    const any = trx as unknown as AnyDb;
    for (const entry of PERSON_TABLES) {
      if (entry.erase === 'delete') {
        await belonging(any.deleteFrom(entry.table), entry, s, any)?.execute();
      } else if (entry.erase === 'detach' && entry.belongs.kind === 'made-by') {
        await any.updateTable(entry.table).set({ [entry.belongs.column]: null }).where(entry.belongs.column, '=', s.personId).execute();
      }
    }
    // A roll call waiting to be posted in their groups may name them: it is not posted.
    if (s.groups.length > 0) {
      await trx.deleteFrom('outbox').where('topic', '=', 'group-rollcall').where('chat_id', 'in', s.groups).execute();
    }
  });
  await flushErasedPages(db, true);
  return s;
}

/** Whether a person has anything of their own yet (a fresh account may join another person). */
export async function hasOwnHistory(db: Db, personId: string): Promise<boolean> {
  const s = await subjectOf(db, personId);
  if (s.accounts.length > 1) return true;
  const any = db as unknown as AnyDb;
  for (const entry of PERSON_TABLES.filter((e) => e.link === 'blocks')) {
    const q = belonging(any.selectFrom(entry.table).select(sql<number>`1`.as('x')), entry, s, any);
    if (q && await q.limit(1).executeTakeFirst()) return true;
  }
  return false;
}

/** Moves an account (with no history of its own) to another person and drops the empty person it leaves. */
export async function joinAccountTo(db: Db, account: string, from: string, to: string): Promise<void> {
  const s = await subjectOf(db, from);
  await db.transaction().execute(async (trx) => {
    const any = trx as unknown as AnyDb;
    for (const entry of PERSON_TABLES) {
      if (entry.link === 'moves' && entry.belongs.kind === 'own') {
        await any.updateTable(entry.table).set({ [entry.belongs.column]: to }).where('id', '=', account).execute();
      }
    }
    const moved = { ...s, accounts: s.accounts.filter((a) => a !== account) };
    for (const entry of PERSON_TABLES.filter((e) => e.link === 'discarded')) {
      if (entry.belongs.kind === 'made-by') {
        await any.updateTable(entry.table).set({ [entry.belongs.column]: null }).where(entry.belongs.column, '=', from).execute();
      } else {
        await belonging(any.deleteFrom(entry.table), entry, moved, any)?.execute();
      }
    }
  });
}
