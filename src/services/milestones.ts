import type { CoreDeps } from './context.js';
import {
  describeDays, milestonesDue, sobrietyMilestonesUpTo, streakMilestonesUpTo, type MilestoneKind,
} from '../domain/milestones.js';
import type { Person } from '../domain/person.js';
import { markMilestone, markedMilestonesOf } from '../store/milestones.js';
import type { Counters } from './counters.js';
import { discloseToSupporters } from './disclose.js';
import { displayNameOf } from '../store/links.js';
import { enqueueMessage } from '../store/outbox.js';
import { reply } from '../ports/reply.js';
import { groupsCelebrating } from '../store/groups.js';
import { localDateOf } from '../domain/local-date.js';
import { shortDate } from '../messages/format.js';
import { sobrietyCelebration, streakCelebration, type CelebrationWords } from '../messages/celebrations.js';
import { DISCLOSURE_WINDOW_MS } from './share-checkin.js';

export interface Celebration {
  kind: MilestoneKind;
  days: number;
  /** What it belongs to: a sobriety period's id, or the date a check-in streak began. */
  periodKey: string;
  /** A count only, fit for a lock screen. */
  headline: string;
  body: string;
  /** As the person reads it in an answer. */
  text: string;
}

/** News of a restarted counter waits this long after its relapse notice could first go, so the two never arrive together. */
export const AFTER_RELAPSE_NEWS_MS = 12 * 3_600_000;

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
  const st = counters.streak;
  const sobriety = s && s.current !== null && s.periodId ? { key: s.periodId, reached: sobrietyMilestonesUpTo(s.current) } : null;
  const streak = st.start ? { key: st.start, reached: streakMilestonesUpTo(st.length) } : null;
  // What is already marked, for both counters in one read (none when nothing is reached).
  const marked = await markedMilestonesOf(deps.db, person.id, [
    ...(sobriety && sobriety.reached.length > 0 ? [{ kind: 'sobriety' as const, periodStart: sobriety.key }] : []),
    ...(streak && streak.reached.length > 0 ? [{ kind: 'streak' as const, periodStart: streak.key }] : []),
  ]);
  if (s && sobriety) {
    const c = await reach(deps, person, 'sobriety', sobriety.key, sobriety.reached, marked.get(`sobriety|${sobriety.key}`), now);
    if (c !== null) out.push(celebration('sobriety', c, sobriety.key, sobrietyCelebration(c, s.relapses > 0)));
  }
  if (streak) {
    const c = await reach(deps, person, 'streak', streak.key, streak.reached, marked.get(`streak|${streak.key}`), now);
    if (c !== null) out.push(celebration('streak', c, streak.key, streakCelebration(c)));
  }
  // A counter that started again after a relapse tells of the relapse: its news is status news.
  const restarted = s && s.relapses > 0 && s.periodRecordedAt ? s.periodRecordedAt : null;
  for (const c of out) await announceMilestone(deps, person, c, c.kind === 'sobriety' ? restarted : null, now);
  return out;
}

function celebration(kind: MilestoneKind, days: number, periodKey: string, w: CelebrationWords): Celebration {
  return { kind, days, periodKey, headline: w.headline, body: w.body, text: `🎉 ${w.headline} ${w.body}` };
}

/**
 * Milestone news beyond the person's own DM goes only where they agreed: supporters given
 * the milestones scope, and groups where they opted in to celebrations. The milestones of a
 * counter that started again after a relapse are status news: only for those who receive the
 * status, after the relapse's disclosure window and well apart from its notice, and never in
 * a group.
 */
async function announceMilestone(
  deps: Pick<CoreDeps, 'db' | 'seal'>, person: Person, c: Celebration, restartedAt: Date | null, now: Date,
): Promise<void> {
  const name = await displayNameOf(deps.db, person.id);
  const what = c.kind === 'sobriety' ? `${describeDays(c.days)} sober` : `${c.days} check-ins in a row`;
  const count = c.kind === 'sobriety' ? describeDays(c.days) : `${c.days} check-ins in a row`;
  const reached = shortDate(localDateOf(now, person.timezone));
  const after = restartedAt ? new Date(restartedAt.getTime() + DISCLOSURE_WINDOW_MS + AFTER_RELAPSE_NEWS_MS) : now;
  await discloseToSupporters(deps.db, deps.seal, person, {
    topic: 'milestone', needs: restartedAt ? ['milestones', 'status'] : ['milestones'],
    key: `milestone-news:${person.id}:${c.kind}:${c.periodKey}:${c.days}`, notBefore: after > now ? after : now,
    text: () => `Good news from ${name}.\nA milestone: ${count}, reached ${reached}.\n${c.kind === 'sobriety' ? `${what}. ` : ''}A word from you would mean a lot.`,
  }, now);
  if (restartedAt) return;
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
  deps: Pick<CoreDeps, 'db'>, person: Person, kind: MilestoneKind, periodKey: string, reached: number[], marked: ReadonlySet<number> | undefined, now: Date,
): Promise<number | null> {
  const due = milestonesDue(reached, marked ?? new Set());
  for (const d of due.markQuietly) await markMilestone(deps.db, person.id, kind, periodKey, d, false, now);
  if (due.celebrate === null) return null;
  const fresh = await markMilestone(deps.db, person.id, kind, periodKey, due.celebrate, true, now);
  return fresh ? due.celebrate : null;
}
