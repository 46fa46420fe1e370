import type { MilestoneKind } from '../domain/milestones.js';
import { toDbBool, toDbInstant } from './convert.js';
import type { Db } from './database.js';

export async function markedMilestones(db: Db, personId: string, kind: MilestoneKind, periodStart: string): Promise<Set<number>> {
  const rows = await db.selectFrom('milestones').select('days')
    .where('person_id', '=', personId).where('kind', '=', kind).where('period_start', '=', periodStart).execute();
  return new Set(rows.map((r) => r.days));
}

/** Records a milestone as reached; returns false when it already was (it is then not celebrated again). */
export async function markMilestone(
  db: Db, personId: string, kind: MilestoneKind, periodStart: string, days: number, celebrated: boolean, now: Date,
): Promise<boolean> {
  const r = await db.insertInto('milestones')
    .values({ person_id: personId, kind, period_start: periodStart, days, celebrated: toDbBool(celebrated), reached_at: toDbInstant(now) })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
}
