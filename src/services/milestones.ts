import type { CoreDeps } from '../commands/context.js';
import {
  describeDays, milestonesDue, sobrietyMilestonesUpTo, streakMilestonesUpTo, type MilestoneKind,
} from '../domain/milestones.js';
import type { Person } from '../domain/person.js';
import { markMilestone, markedMilestones } from '../store/milestones.js';
import type { Counters } from './counters.js';

export interface Celebration {
  kind: MilestoneKind;
  days: number;
  /** What it belongs to: a sobriety period's id, or the date a check-in streak began. */
  periodKey: string;
  text: string;
}

/**
 * Records milestones reached and returns the ones to celebrate now. Each is celebrated
 * once per sobriety period (or streak); the unique key in the store makes that hold
 * even when two callers race.
 */
export async function celebrateMilestones(
  deps: Pick<CoreDeps, 'db'>, person: Person, counters: Counters, now: Date,
): Promise<Celebration[]> {
  const out: Celebration[] = [];
  const s = counters.sobriety;
  if (s && s.current !== null && s.periodId) {
    const c = await reach(deps, person, 'sobriety', s.periodId, sobrietyMilestonesUpTo(s.current), now);
    if (c !== null) out.push({ kind: 'sobriety', days: c, periodKey: s.periodId, text: sobrietyText(c) });
  }
  const st = counters.streak;
  if (st.start) {
    const c = await reach(deps, person, 'streak', st.start, streakMilestonesUpTo(st.length), now);
    if (c !== null) out.push({ kind: 'streak', days: c, periodKey: st.start, text: streakText(c) });
  }
  return out;
}

async function reach(
  deps: Pick<CoreDeps, 'db'>, person: Person, kind: MilestoneKind, periodKey: string, reached: number[], now: Date,
): Promise<number | null> {
  const marked = await markedMilestones(deps.db, person.id, kind, periodKey);
  const due = milestonesDue(reached, marked);
  for (const d of due.markQuietly) await markMilestone(deps.db, person.id, kind, periodKey, d, false, now);
  if (due.celebrate === null) return null;
  const fresh = await markMilestone(deps.db, person.id, kind, periodKey, due.celebrate, true, now);
  return fresh ? due.celebrate : null;
}

function sobrietyText(days: number): string {
  return `🎉 ${describeDays(days)} of sobriety. Every one of those days was a choice you made. Take a moment to be proud of it.`;
}

function streakText(days: number): string {
  return `🌱 ${days} check-ins in a row. Showing up, day after day, is what recovery is made of.`;
}
