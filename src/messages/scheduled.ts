import type { Role } from '../domain/roles.js';
import type { RollCall } from '../domain/roll-call.js';
import { shortDate, plural } from './format.js';
import type { LocalDate } from '../domain/local-date.js';

/*
 * Messages the bot starts. Their first line is what a phone shows on a lock screen, so it
 * names no addiction, relapse or sexual term: anyone glancing at the screen learns nothing.
 */

export function promptText(role: Role | null, date: LocalDate): string {
  const question = role === 'recovery'
    ? 'How did today go? Did you stay inside your boundaries since your last check-in?'
    : 'How are you today? A minute for yourself: mood, what helped, what you need.';
  return `Time for your check-in.\n${shortDate(date)}. ${question}`;
}

export function reminderText(): string {
  return 'A gentle nudge: today is still open.\nYour streak is still open today; a check-in takes a minute. /checkin';
}

export function missedAlertText(name: string, date: LocalDate, inARow: number): string {
  const run = inARow > 1 ? `${plural(inARow, 'day')} in a row now` : 'one day';
  return `A note about ${name}.\n${name} has not checked in for ${shortDate(date)} (${run}). A kind word from you may help. This is not a relapse report; it only means no check-in arrived.`;
}

export function escalationText(name: string, date: LocalDate, inARow: number): string {
  return `A note about ${name}.\n${name} has not checked in for ${plural(inARow, 'day')} in a row (latest: ${shortDate(date)}), and nobody has said they are reaching out yet.`;
}

export function celebrationText(detail: string): string {
  return `A moment to celebrate.\n${detail}`;
}

export interface WeekFigures {
  checkins: number;
  promptedDays: number;
  streak: number;
  soberDays: number | null;
  actionsDays: number;
  /** The gentle weekly review of goals: how many are open, how many were done this week. */
  goals: { open: number; doneThisWeek: number };
}

export function weeklySummaryText(f: WeekFigures): string {
  const lines = ['Your week, in a few numbers.', `Check-ins this week: ${f.checkins} of ${f.promptedDays}.`, `Check-in streak: ${plural(f.streak, 'day')}.`];
  if (f.actionsDays > 0) lines.push(`Days with healing work: ${f.actionsDays}.`);
  if (f.soberDays !== null) lines.push(`Sober days: ${f.soberDays}.`);
  if (f.goals.doneThisWeek > 0) lines.push(`Goals done this week: ${f.goals.doneThisWeek}. Well done.`);
  if (f.goals.open > 0) lines.push(`Open goals: ${f.goals.open}. Is one of them still the right next step? /goals`);
  lines.push('Progress, not perfection. See more with /progress.');
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
