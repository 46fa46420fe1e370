import type { Kysely } from 'kysely';
import type { Db } from './database.js';
import { PERSON_TABLES, type PersonTable, type Row } from './person-registry.js';
import type { TextSeal } from './sealed-text.js';

/** A stored value `npm run rekey` could not open: it is left as it is, and named here (never its content). */
export interface UnreadableValue {
  table: string;
  column: string;
  /** The row's key columns, e.g. `{ id: '…' }`. */
  row: Record<string, unknown>;
}

export interface RekeyReport {
  /** Rows written again under the current key. */
  rows: number;
  unreadable: UnreadableValue[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- walks tables by name, as declared in the registry
type AnyDb = Kysely<any>;

const PAGE = 500;

/**
 * Seals every sealed value of every table in the registry again under the current key, bound
 * to its place: text sealed under a previous key, text from before places were bound, and text
 * written before any key was set. A value that opens under no configured key is reported and
 * left alone; the rest is finished. Check-in answers kept in clear columns by older versions
 * are folded into the sealed `answers` column.
 */
export async function rekeyAll(db: Db, seal: TextSeal): Promise<RekeyReport> {
  const report: RekeyReport = { rows: 0, unreadable: [] };
  for (const entry of PERSON_TABLES) {
    if (entry.sealed) await rekeyTable(db as unknown as AnyDb, entry, seal, report);
  }
  return report;
}

async function rekeyTable(db: AnyDb, entry: PersonTable, seal: TextSeal, report: RekeyReport): Promise<void> {
  const s = entry.sealed!;
  const legacyAnswers = entry.table === 'checkins';
  const columns = [...new Set([...s.key, ...(s.reads ?? []), ...s.columns, ...(legacyAnswers ? LEGACY_ANSWER_COLUMNS : [])])];
  for (let offset = 0; ; offset += PAGE) {
    let q = db.selectFrom(entry.table).select(columns);
    for (const k of s.key) q = q.orderBy(k);
    const rows = await q.limit(PAGE).offset(offset).execute() as Row[];
    for (const row of rows) {
      const set: Row = {};
      let unreadable = false;
      for (const column of s.columns) {
        const v = row[column];
        if (typeof v !== 'string' || v === '') continue;
        const at = { table: entry.table, column, ...s.place(row) };
        const opened = seal.openAnyForm(v, at);
        if ('unreadable' in opened) {
          report.unreadable.push({ table: entry.table, column, row: Object.fromEntries(s.key.map((k) => [k, row[k]])) });
          unreadable = true;
          continue;
        }
        set[column] = seal.seal(opened.text, at);
        row[column] = opened.text;
      }
      if (legacyAnswers && !unreadable) Object.assign(set, foldLegacyAnswers(row, seal, { table: entry.table, ...s.place(row) }));
      if (Object.keys(set).length === 0) continue;
      let u = db.updateTable(entry.table).set(set);
      for (const k of s.key) u = u.where(k, '=', row[k]);
      await u.execute();
      report.rows += 1;
    }
    if (rows.length < PAGE) return;
  }
}

const LEGACY_ANSWER_COLUMNS = ['status', 'mood', 'safe', 'healing_work'];

/** A check-in written before its answers were sealed: its clear columns become one sealed `answers` value. */
function foldLegacyAnswers(row: Row, seal: TextSeal, at: { table: string; row: string; owner: string }): Row {
  const hasLegacy = row.status !== null || row.mood !== null || row.safe !== null || (row.healing_work ?? '') !== '' || row.feeling !== null;
  if (row.answers !== null || !hasLegacy) return {};
  const answers = {
    status: row.status ?? null,
    mood: row.mood ?? null,
    feeling: row.feeling ?? null,
    safe: row.safe === null || row.safe === undefined ? null : row.safe === 1 || row.safe === true,
    work: typeof row.healing_work === 'string' && row.healing_work !== '' ? row.healing_work.split(',') : [],
  };
  return {
    answers: seal.seal(JSON.stringify(answers), { ...at, column: 'answers' }),
    status: null, mood: null, feeling: null, safe: null, healing_work: '',
  };
}
