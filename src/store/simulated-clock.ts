import { toDbInstant } from './convert.js';
import type { Db } from './database.js';

const ROW = 'console';

/** How far the simulated clock ran ahead of real time when it was last moved; null when it never was. */
export async function readClockAhead(db: Db): Promise<number | null> {
  const row = await db.selectFrom('simulated_clock').select('ahead_ms').where('id', '=', ROW).executeTakeFirst();
  return row ? Number(row.ahead_ms) : null;
}

export async function saveClockAhead(db: Db, aheadMs: number, now: Date): Promise<void> {
  const values = { ahead_ms: Math.round(aheadMs), updated_at: toDbInstant(now) };
  await db.insertInto('simulated_clock').values({ id: ROW, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values)).execute();
}
