import type { PromptPace } from '../domain/prompt-pace.js';
import type { Role } from '../domain/roles.js';
import type { RollCall } from '../domain/roll-call.js';
import { shortDate, plural } from './format.js';
import type { LocalDate } from '../domain/local-date.js';

/*
 * Messages the bot starts. Their first two lines are what a phone shows on a lock screen, so
 * they name no addiction, relapse, sexual or sobriety term (names, dates and counts are fine):
 * anyone glancing at the screen learns nothing.
 */


const QUESTION: Record<Role, string> = {
  recovery: 'How did today go? Did you stay inside your boundaries since your last check-in?',
  partner: 'How are you today? A minute for yourself: mood, what helped, what you need.',
  supporter: 'How are you today? A minute for your own wellbeing.',
};

/** Said once, with the prompt that starts a slower pace: kindly, and how to get the daily question back. */
const SLOWER: Record<Exclude<PromptPace, 'daily'>, string> = {
  'every-other-day': 'I have not heard from you for a week, so I will ask every other day for a while, to give you room. Any check-in brings the daily question back.',
  weekly: 'For now I will ask once a week. This space is here whenever you want it, and any check-in brings the daily question back.',
};

export function promptText(role: Role | null, date: LocalDate, slowerFrom: Exclude<PromptPace, 'daily'> | null = null): string {
  const text = `Time for your check-in.\n${shortDate(date)}. ${QUESTION[role ?? 'recovery']}`;
  return slowerFrom ? `${text}\n\n${SLOWER[slowerFrom]}` : text;
}

export function reminderText(role: Role | null): string {
  const second = role === 'partner' ? 'A minute for yourself, if you would like it. /checkin'
    : role === 'supporter' ? 'Your own check-in takes a minute. /checkin'
      : 'Your streak is still open today; a check-in takes a minute. /checkin';
  return `A gentle nudge: today is still open.\n${second}`;
}

function run(inARow: number): string {
  return inARow > 1 ? `${plural(inARow, 'day')} in a row now` : 'one day';
}

export function missedAlertText(name: string, date: LocalDate, inARow: number): string {
  return `A note about ${name}.\n${name} has not checked in for ${shortDate(date)} (${run(inARow)}).\n`
    + 'A kind word from you may help. This is not a relapse report; it only means no check-in arrived.';
}

export function escalationText(name: string, date: LocalDate, inARow: number): string {
  return `A note about ${name}.\n${name} has not checked in for ${plural(inARow, 'day')} in a row (latest: ${shortDate(date)}), and nobody has said they are reaching out yet.\n`
    + 'A call or a message from you may help now. This is not a relapse report; it only means no check-in arrived.';
}

export function checkedInAgainText(name: string, date: LocalDate, daysWithout: number): string {
  const gap = daysWithout > 0 ? `, after ${plural(daysWithout, 'day')} without one` : '';
  return `A note about ${name}.\n${name} checked in again on ${shortDate(date)}${gap}.\nNothing you need to do; thank you for being there.`;
}

/** A celebration the bot starts: a neutral headline (a count), then the words of the milestone. */
export function celebrationText(headline: string, body: string): string {
  return `A moment to celebrate.\n${headline}\n${body}`;
}

export interface WeekFigures {
  /** Days with a check-in among the days counted. */
  checkins: number;
  /** Days counted: prompted days that have ended, and today once checked in. */
  days: number;
  streak: number;
  soberDays: number | null;
  actionsDays: number;
  /** The gentle weekly review of goals: how many are open, how many were done this week. */
  goals: { open: number; doneThisWeek: number };
}

/** The weekly summary, in the voice of the person's role: streaks and sober days for recovery, their own healing for everyone else. */
export function weeklySummaryText(role: Role, f: WeekFigures): string {
  const lines = role === 'recovery'
    ? ['Your week, in a few numbers.', `Check-ins this week: ${f.checkins} of ${f.days}.`, `Check-in streak: ${plural(f.streak, 'day')}.`]
    : ['Your week, in a few words.', `You took a minute for yourself on ${f.checkins} of ${f.days} days.`];
  if (f.actionsDays > 0) lines.push(role === 'recovery' ? `Days with healing work: ${f.actionsDays}.` : `Days with self-care or healing work: ${f.actionsDays}.`);
  if (role === 'recovery' && f.soberDays !== null) lines.push(`Sober days: ${f.soberDays}.`);
  if (f.goals.doneThisWeek > 0) lines.push(`Goals done this week: ${f.goals.doneThisWeek}. Well done.`);
  if (f.goals.open > 0) lines.push(`Open goals: ${f.goals.open}. Is one of them still the right next step? /goals`);
  lines.push(role === 'recovery' ? 'Progress, not perfection. See more with /progress.' : 'Your healing goes at your own pace. See more with /progress.');
  return lines.join('\n');
}

/** The group's end-of-day roll call: only what `rollCall` decided may be said, and nothing about who did not check in. */
export function rollCallText(r: RollCall): string {
  const names = r.names.length > 1 ? `${r.names.slice(0, -1).join(', ')} and ${r.names.at(-1)!}` : r.names[0];
  const first = r.count !== null && names ? `Roll call: ${plural(r.count, 'member')} checked in today, among them ${names}.`
    : r.count !== null ? `Roll call: ${plural(r.count, 'member')} checked in today.`
      : names ? `Roll call: ${names} checked in today.`
        : 'Roll call: well done to everyone who checked in today.';
  return `${first}\nEvery check-in counts, and tomorrow is a new day.`;
}

/** A sponsor's or coach's weekly summary: only the lines their link lets through. */
export function supporterSummaryText(name: string, lines: readonly string[]): string {
  return [`Weekly summary for ${name}.`, `The last 7 days, from what ${name} shares with you:`, ...lines].join('\n');
}
