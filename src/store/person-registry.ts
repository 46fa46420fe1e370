import type { Database } from './schema.js';
import { HEAVY_KINDS } from '../domain/heavy-moment.js';
import { kindTag } from './heavy-moments.js';
import type { SealPlace, TextSeal } from './sealed-text.js';

/*
 * The one registry of person data. Every table of the schema is declared here once: how its
 * rows belong to a person, which columns are sealed (and the place each sealed value is
 * bound to), and what /delete, /export, `npm run rekey` and /link do with its rows. Those four
 * derive from this list (src/store/person-data.ts, src/store/rekey.ts); a test holds it to the
 * live schema, so a new table that names a person cannot be forgotten by any of them.
 * Adding a table is adding one entry.
 */

export type TableName = keyof Database;
export type Row = Record<string, unknown>;

/** How a table's rows belong to a person. */
export type Belonging =
  /** The person's own rows: `column` holds their id. */
  | { kind: 'own'; column: string }
  /** Rows between two people (a link): either column may hold their id. */
  | { kind: 'between'; columns: readonly string[] }
  /** Messages: to them or about them (`columns` hold person ids), or to a chat that is one of their accounts. */
  | { kind: 'message'; columns: readonly string[]; chat: string }
  /** Rows that name one of the person's accounts, not the person (failed code attempts). */
  | { kind: 'account'; column: string }
  /** Rows that belong to another table's row of the person (a boundary's shares). */
  | { kind: 'through'; column: string; parent: TableName; parentKey: string; parentOwner: string }
  /** Not the person's data, but it records that they made it (a group they set up). */
  | { kind: 'made-by'; column: string }
  /** Not about any person. */
  | { kind: 'nobody'; why: string };

/** Sealed columns and the place each value is bound to. */
export interface Sealing {
  columns: readonly string[];
  /** Columns that identify a row, for rewriting it. */
  key: readonly string[];
  /** The place a row's sealed values are bound to, from the row's own columns (`reads` lists those besides the key). */
  place(row: Row): { row: string; owner: string };
  reads?: readonly string[];
}

export interface PersonTable {
  table: TableName;
  belongs: Belonging;
  /** Every column that names a person, an account or a chat (the live-schema test holds this list to the schema). */
  names: readonly string[];
  sealed?: Sealing;
  /** /delete: remove the rows, clear the column that names the person, or leave it to a foreign key's cascade. */
  erase: 'delete' | 'detach' | 'cascade' | 'none';
  /**
   * /link, when a fresh account joins another person: rows that are history of its own block
   * the join; the empty person's defaults are discarded; an account moves; others are unaffected.
   */
  link: 'blocks' | 'discarded' | 'moves' | 'unaffected';
  /** /export: the rows with sealed text opened, a shape of its own, or nothing (not person data). */
  export: 'rows' | 'none' | ((rows: Row[], subject: Subject, seal: TextSeal) => unknown);
}

/** Whose data is being erased, exported or merged: the person, their accounts, and the groups they are in. */
export interface Subject {
  personId: string;
  accounts: readonly string[];
  groups: readonly string[];
}

const byId = (ownerColumn: string) => (r: Row) => ({ row: String(r.id), owner: String(r[ownerColumn]) });

/** Outbox rows are bound to their key, their chat and their recipient: pointing one at another chat does not open it. */
export function outboxPlace(r: { idem_key: string; chat_id: string; recipient_id: string | null }) {
  return { row: r.idem_key, owner: `${r.chat_id}>${r.recipient_id ?? ''}` };
}

const str = (v: unknown) => (typeof v === 'string' ? v : null);

/** The registry, in the order /delete walks it: rows that others point at come after the rows pointing at them. */
export const PERSON_TABLES: readonly PersonTable[] = [
  {
    table: 'checkins', belongs: { kind: 'own', column: 'person_id' }, names: ['person_id'],
    sealed: {
      // `feeling` was sealed on its own before answers were; `npm run rekey` folds it into `answers`.
      columns: ['answers', 'note', 'feeling'], key: ['person_id', 'local_date'],
      place: (r) => ({ row: String(r.local_date), owner: String(r.person_id) }),
    },
    erase: 'delete', link: 'blocks',
    // In the shape exports always had: the answers as fields of the day, opened.
    export: (rows) => rows.map(({ answers, ...row }) => {
      const a = typeof answers === 'string' && answers.startsWith('{') ? JSON.parse(answers) as { work: string[]; safe: boolean | null } & Row : null;
      if (!a) return answers ? { ...row, answers } : row;
      const { work, safe, ...rest } = a;
      return { ...row, ...rest, healing_work: work.join(','), safe: safe === null ? null : safe ? 1 : 0 };
    }),
  },
  { table: 'sobriety_periods', belongs: { kind: 'own', column: 'person_id' }, names: ['person_id'], erase: 'delete', link: 'discarded', export: 'rows' },
  {
    table: 'circles', belongs: { kind: 'own', column: 'person_id' }, names: ['person_id'],
    sealed: { columns: ['text'], key: ['id'], reads: ['person_id'], place: byId('person_id') },
    erase: 'delete', link: 'blocks', export: 'rows',
  },
  { table: 'milestones', belongs: { kind: 'own', column: 'person_id' }, names: ['person_id'], erase: 'delete', link: 'discarded', export: 'rows' },
  { table: 'encouragement_seen', belongs: { kind: 'own', column: 'person_id' }, names: ['person_id'], erase: 'delete', link: 'discarded', export: 'rows' },
  {
    table: 'goals', belongs: { kind: 'own', column: 'person_id' }, names: ['person_id'],
    sealed: { columns: ['text'], key: ['id'], reads: ['person_id'], place: byId('person_id') },
    erase: 'delete', link: 'blocks', export: 'rows',
  },
  {
    table: 'boundary_shares', belongs: { kind: 'through', column: 'boundary_id', parent: 'boundaries', parentKey: 'id', parentOwner: 'person_id' },
    names: [], erase: 'cascade', link: 'unaffected', export: 'rows',
  },
  {
    table: 'boundaries', belongs: { kind: 'own', column: 'person_id' }, names: ['person_id'],
    sealed: { columns: ['text'], key: ['id'], reads: ['person_id'], place: byId('person_id') },
    erase: 'delete', link: 'blocks', export: 'rows',
  },
  {
    table: 'fanos_entries', belongs: { kind: 'own', column: 'person_id' }, names: ['person_id'],
    sealed: {
      columns: ['answers'], key: ['link_id', 'person_id', 'round'],
      place: (r) => ({ row: `${String(r.link_id)}/${String(r.round)}`, owner: String(r.person_id) }),
    },
    erase: 'delete', link: 'blocks',
    export: (rows) => rows.map((r) => ({ ...r, answers: typeof r.answers === 'string' && r.answers.startsWith('{') ? JSON.parse(r.answers) as unknown : r.answers })),
  },
  { table: 'group_members', belongs: { kind: 'own', column: 'person_id' }, names: ['person_id'], erase: 'delete', link: 'blocks', export: 'rows' },
  // Its kind is a keyed tag (src/store/heavy-moments.ts); rows older than a week are pruned as they come.
  {
    table: 'heavy_moments', belongs: { kind: 'own', column: 'person_id' }, names: ['person_id'], erase: 'delete', link: 'discarded',
    export: (rows, s, seal) => rows.map((r) => ({ ...r, kind: HEAVY_KINDS.find((k) => kindTag(seal, s.personId, k) === r.kind) ?? r.kind })),
  },
  {
    table: 'outbox', belongs: { kind: 'message', columns: ['recipient_id', 'about_id'], chat: 'chat_id' },
    names: ['recipient_id', 'about_id', 'chat_id'],
    sealed: { columns: ['payload', 'tells_status'], key: ['id'], reads: ['idem_key', 'chat_id', 'recipient_id'], place: (r) => outboxPlace(r as never) },
    erase: 'delete', link: 'discarded',
    // Only messages still waiting are data of the person's (a delivered one keeps no text); the
    // bot's answers on their way to them are left out. A message to them about someone else is
    // listed without its text: it is not theirs yet.
    export: (rows, s) => rows.filter((r) => (r.status === 'queued' || r.status === 'sending') && r.topic !== 'answer').map((r) => {
      const aboutOther = r.about_id !== null && r.about_id !== s.personId;
      const toThem = r.recipient_id === s.personId || s.accounts.includes(String(r.chat_id));
      const body = str(r.payload)?.startsWith('{') ? JSON.parse(str(r.payload)!) as { v?: number; reply?: { text?: string }; text?: string } : null;
      const text = body ? (body.v === 2 ? body.reply?.text : body.text) : null;
      return {
        topic: r.topic, status: r.status, due: r.not_before, created_at: r.created_at,
        to: toThem ? 'you' : 'someone you are linked with', about: r.about_id === s.personId ? 'you' : aboutOther ? 'someone linked with you' : null,
        text: toThem && aboutOther ? '(about someone else; shown to you once it is sent)' : text ?? null,
      };
    }),
  },
  {
    table: 'links', belongs: { kind: 'between', columns: ['person_id', 'supporter_id'] }, names: ['person_id', 'supporter_id'],
    erase: 'delete', link: 'blocks',
    // With their consent, never with the other person's data.
    export: (rows, s) => rows.map((l) => ({
      id: l.id, relation: l.relation, side: l.person_id === s.personId ? 'you share' : 'you support',
      scopes: String(l.scopes).split(',').filter(Boolean), wants: String(l.wants).split(',').filter(Boolean), partner_level: l.partner_level,
      on_call: l.on_call === 1, receiving_paused: l.receiving_paused === 1,
      ready: l.ready === 1, created_at: l.created_at, ended_at: l.ended_at,
    })),
  },
  { table: 'invites', belongs: { kind: 'own', column: 'person_id' }, names: ['person_id'], erase: 'delete', link: 'discarded', export: 'rows' },
  { table: 'code_attempts', belongs: { kind: 'account', column: 'account_id' }, names: ['account_id'], erase: 'delete', link: 'unaffected', export: 'rows' },
  {
    table: 'groups', belongs: { kind: 'made-by', column: 'created_by' }, names: ['created_by'], erase: 'detach', link: 'discarded',
    export: (rows) => rows.map((g) => ({ id: g.id, title: g.title, set_up_at: g.created_at })),
  },
  { table: 'accounts', belongs: { kind: 'own', column: 'person_id' }, names: ['person_id'], erase: 'delete', link: 'moves', export: 'rows' },
  { table: 'people', belongs: { kind: 'own', column: 'id' }, names: [], erase: 'delete', link: 'discarded', export: 'rows' },
  { table: 'processed_events', belongs: { kind: 'nobody', why: 'platform update ids, forgotten after a week' }, names: [], erase: 'none', link: 'unaffected', export: 'none' },
  { table: 'simulated_clock', belongs: { kind: 'nobody', why: 'how far the console\'s simulated clock runs ahead' }, names: [], erase: 'none', link: 'unaffected', export: 'none' },
  {
    table: 'data_key_check', belongs: { kind: 'nobody', why: 'one value that tells whether the key is this database\'s' }, names: [],
    sealed: { columns: ['check_value'], key: ['id'], place: (r) => ({ row: String(r.id), owner: '' }) },
    erase: 'none', link: 'unaffected', export: 'none',
  },
];

const ENTRY = new Map(PERSON_TABLES.map((e) => [e.table, e]));

export function registryEntry(table: TableName): PersonTable {
  const e = ENTRY.get(table);
  if (!e) throw new Error(`${table} is not in the person-data registry`);
  return e;
}

/** The place a sealed value of `table.column` is bound to, from its row's columns. */
export function placeOf(table: TableName, column: string, row: Row): SealPlace {
  const sealing = registryEntry(table).sealed;
  if (!sealing?.columns.includes(column)) throw new Error(`${table}.${column} is not a sealed column in the registry`);
  return { table, column, ...sealing.place(row) };
}
