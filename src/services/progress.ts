import type { CoreDeps } from './context.js';
import { addDays, daysBetween, weekdayOf, type LocalDate } from '../domain/local-date.js';
import { describeDays, nextSobrietyMilestone, nextStreakMilestone } from '../domain/milestones.js';
import type { Person } from '../domain/person.js';
import { percent, plural } from '../messages/format.js';
import { renderProgressPng, type ChartDay, type DayState } from '../progress/chart.js';
import { recoveryActionsStreak } from '../domain/streaks.js';
import { listCheckinDays, type CheckinDay } from '../store/checkins.js';
import { loadCounters, openFromOf, type Counters } from './counters.js';

const WEEKS = 4;

export interface Progress {
  text: string;
  png: Uint8Array;
}

/** Counters, next milestone, 30-day rate and a calendar of the last weeks, as text and as a picture. */
export async function buildProgress(deps: CoreDeps, person: Person, today: LocalDate, now: Date): Promise<Progress> {
  const openFrom = await openFromOf(deps, person, today, now);
  const counters = await loadCounters(deps, person, today, openFrom);
  const { opened, actions } = await openedDays(deps, person.id, today);
  const days = calendarDays(opened, today, openFrom, person.role === 'recovery');
  const next = nextMilestoneText(counters);
  const text = [...counterLines(counters, actions), next ? `Next milestone: ${next}.` : null, '', ...calendarText(days)]
    .filter((l): l is string => l !== null)
    .join('\n');
  const s = counters.sobriety;
  const png = renderProgressPng({
    days,
    counters: {
      sobrietyDays: s?.current ?? null,
      longest: s?.longest ?? null,
      total: s?.total ?? null,
      streak: counters.streak.length,
      rate30: counters.rate.rate,
      checkedIn30: counters.rate.checkedIn,
      days30: counters.rate.days,
    },
    nextMilestone: next,
  });
  return { text, png };
}

/**
 * The days the calendar shows, answers opened, and the recovery-actions streak: opened back
 * only as far as the streak reaches, since opening a whole history is never needed for it.
 */
async function openedDays(deps: CoreDeps, personId: string, today: LocalDate): Promise<{ opened: CheckinDay[]; actions: number }> {
  let from = addDays(today, -(WEEKS * 7 + 7));
  for (;;) {
    const opened = await listCheckinDays(deps.db, deps.seal, personId, from);
    const streak = recoveryActionsStreak(opened.filter((d) => d.localDate <= today), today);
    // A streak that runs back to the first day opened may run further: look back twice as far.
    if (streak.start === null || streak.start > from || opened.length === 0 || opened[0]!.localDate > from) {
      return { opened, actions: streak.length };
    }
    from = addDays(today, -2 * (daysBetween(from, today) + 1));
  }
}

function counterLines(c: Counters, actions: number): string[] {
  const lines = ['Your progress'];
  const s = c.sobriety;
  if (s && s.current !== null) {
    lines.push(`Sober: ${describeDays(s.current)} (since ${s.currentStart})`);
    lines.push(`Longest: ${describeDays(s.longest)} · Total sober: ${describeDays(s.total)}`);
  }
  lines.push(`Check-in streak: ${plural(c.streak.length, 'day')}`);
  if (actions > 0) lines.push(`Recovery actions streak: ${plural(actions, 'day')}`);
  if (c.rate.days === 0) {
    lines.push('Your check-in days start counting once today ends. Progress, not perfection.');
  } else {
    const span = c.rate.days < 30 ? `Since you joined (${plural(c.rate.days, 'day')})` : 'Last 30 days';
    lines.push(`${span}: checked in on ${c.rate.checkedIn} (${percent(c.rate.rate)}). Progress, not perfection.`);
  }
  return lines;
}

function nextMilestoneText(c: Counters): string | null {
  const s = c.sobriety;
  if (s && s.current !== null) {
    const next = nextSobrietyMilestone(s.current);
    return `${describeDays(next)} sober, in ${plural(next - s.current, 'day')}`;
  }
  const streak = nextStreakMilestone(c.streak.length);
  return streak === null ? null : `${streak} check-ins in a row, in ${plural(streak - c.streak.length, 'day')}`;
}

/** The last few whole weeks, Monday first, ending with the week of today; a day still open and unanswered is left blank, not marked missed. */
function calendarDays(checkins: CheckinDay[], today: LocalDate, openFrom: LocalDate, recovery: boolean): ChartDay[] {
  const byDate = new Map(checkins.map((d) => [d.localDate, d]));
  const sunday = addDays(today, 7 - weekdayOf(today));
  const first = addDays(sunday, -(WEEKS * 7 - 1));
  const out: ChartDay[] = [];
  for (let i = 0; i < WEEKS * 7; i += 1) {
    const date = addDays(first, i);
    const c = byDate.get(date);
    let state: DayState = date >= openFrom ? 'future' : 'none';
    if (c) state = recovery && c.status ? c.status : 'checked-in';
    out.push({ date, state, mood: c?.mood ?? null });
  }
  return out;
}

const SYMBOL: Record<DayState, string> = { sober: '●', middle: '◐', relapse: '○', 'checked-in': '●', none: '·', future: ' ' };

function calendarText(days: ChartDay[]): string[] {
  const lines = ['       Mo Tu We Th Fr Sa Su'];
  for (let w = 0; w < days.length; w += 7) {
    const week = days.slice(w, w + 7);
    lines.push(`${week[0]!.date.slice(5)}  ${week.map((d) => ` ${SYMBOL[d.state]}`).join(' ')}`);
  }
  const legend = days.some((d) => d.state === 'sober' || d.state === 'middle' || d.state === 'relapse')
    ? '● sober  ◐ middle circle  ○ new start  · no check-in'
    : '● checked in  · no check-in';
  lines.push(legend);
  return lines;
}
