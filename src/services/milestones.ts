import type { CoreDeps } from './context.js';
import {
  describeDays, milestonesDue, sobrietyMilestonesUpTo, streakMilestonesUpTo, type MilestoneKind,
} from '../domain/milestones.js';
import type { Person } from '../domain/person.js';
import { markMilestone, markedMilestones } from '../store/milestones.js';
import type { Counters } from './counters.js';
import { discloseToSupporters } from './disclose.js';
import { displayNameOf } from '../store/links.js';
import { enqueueMessage } from '../store/outbox.js';
import { reply } from '../ports/reply.js';
import { groupsCelebrating } from '../store/groups.js';

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
  deps: Pick<CoreDeps, 'db' | 'seal'>, person: Person, counters: Counters, now: Date,
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
  for (const c of out) await announceMilestone(deps, person, c, now);
  return out;
}

/**
 * Milestone news beyond the person's own DM goes only where they agreed: supporters given
 * the milestones scope, and groups where they opted in to celebrations.
 */
async function announceMilestone(deps: Pick<CoreDeps, 'db' | 'seal'>, person: Person, c: Celebration, now: Date): Promise<void> {
  const name = await displayNameOf(deps.db, person.id);
  const what = c.kind === 'sobriety' ? `${describeDays(c.days)} sober` : `${c.days} check-ins in a row`;
  await discloseToSupporters(deps.db, deps.seal, person, {
    topic: 'milestone', needs: ['milestones'], key: `milestone-news:${person.id}:${c.kind}:${c.periodKey}:${c.days}`, notBefore: now,
    text: () => `Good news from ${name}.\nThey reached a milestone today: ${what}. A word from you would mean a lot.`,
  }, now);
  const groups = await groupsCelebrating(deps.db, person.id);
  // In a group, the words stay neutral: a milestone of days, never what the days are about.
  const groupWhat = c.kind === 'sobriety' ? `${describeDays(c.days)}` : `${c.days} check-ins in a row`;
  for (const groupId of groups) {
    await enqueueMessage(deps.db, deps.seal, {
      key: `milestone-group:${groupId}:${person.id}:${c.kind}:${c.periodKey}:${c.days}`, topic: 'group-milestone',
      to: { chatId: groupId, kind: 'group' }, recipientId: null, aboutId: person.id,
      reply: reply(`🎉 ${name} reached a milestone: ${groupWhat}. Well done!`, { private: false }), notBefore: now,
    }, now);
  }
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
