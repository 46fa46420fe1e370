import { sql } from 'kysely';
import type { MilestoneKind } from '../domain/milestones.js';
import { toDbBool, toDbInstant } from './convert.js';
import type { Db } from './database.js';

export async function markedMilestones(db: Db, personId: string, kind: MilestoneKind, periodStart: string): Promise<Set<number>> {
  const rows = await db.selectFrom('milestones').select('days')
    .where('person_id', '=', personId).where('kind', '=', kind).where('period_start', '=', periodStart).execute();
  return new Set(rows.map((r) => r.days));
}

/**
 * markedMilestones for several counters at once, keyed `kind|periodStart`: one statement,
 * none at all when no counter is asked for.
 */
export async function markedMilestonesOf(
  db: Db, personId: string, counters: readonly { kind: MilestoneKind; periodStart: string }[],
): Promise<Map<string, Set<number>>> {
  const out = new Map<string, Set<number>>();
  if (counters.length === 0) return out;
  // Written out: it runs on every finished check-in and every prompt.
  const which = sql.join(counters.map((c) => sql`(kind = ${c.kind} and period_start = ${c.periodStart})`), sql` or `);
  const { rows } = await sql<{ kind: string; period_start: string; days: number }>`
    select kind, period_start, days from milestones where person_id = ${personId} and (${which})`.execute(db);
  for (const c of counters) out.set(`${c.kind}|${c.periodStart}`, new Set());
  for (const r of rows) out.get(`${r.kind}|${r.period_start}`)?.add(r.days);
  return out;
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
