import type { Db } from './database.js';
import type { TextSeal } from './sealed-text.js';

/** Every column that holds sealed free text, with the columns that identify its row. */
const SEALED = [
  { table: 'checkins', keys: ['person_id', 'local_date'], columns: ['note', 'feeling'] },
  { table: 'circles', keys: ['id'], columns: ['text'] },
  { table: 'goals', keys: ['id'], columns: ['text'] },
  { table: 'boundaries', keys: ['id'], columns: ['text'] },
  { table: 'fanos_entries', keys: ['link_id', 'person_id', 'round'], columns: ['answers'] },
  { table: 'outbox', keys: ['id'], columns: ['payload'] },
] as const;

/**
 * Seals every stored text again under the current key (opening it with the current or a
 * previous key). Run after changing STEADFAST_DATA_KEY; then the old key can be dropped.
 */
export async function rekeyAll(db: Db, seal: TextSeal): Promise<number> {
  let changed = 0;
  for (const t of SEALED) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- walks several tables by name
    const dbAny = db as unknown as import('kysely').Kysely<any>;
    const rows = await dbAny.selectFrom(t.table).select([...t.keys, ...t.columns]).execute();
    for (const row of rows as Record<string, string | null>[]) {
      const set: Record<string, string> = {};
      for (const c of t.columns) {
        const v = row[c];
        if (typeof v === 'string') set[c] = seal.seal(seal.open(v));
      }
      if (Object.keys(set).length === 0) continue;
      let q = dbAny.updateTable(t.table).set(set);
      for (const k of t.keys) q = q.where(k, '=', row[k]);
      await q.execute();
      changed += 1;
    }
  }
  return changed;
}
