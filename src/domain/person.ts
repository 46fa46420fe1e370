import type { LocalDate, TimeZone } from './local-date.js';
import type { PlatformId } from './platform-id.js';
import type { Role } from './roles.js';
import type { QuietHours, TimeOfDay } from './time-of-day.js';

/** What the bot is waiting for the person to type next, when a guided step asked a question. */
export type Awaiting =
  | { kind: 'note'; date: LocalDate }
  | { kind: 'timezone' }
  | { kind: 'invite-code' }
  /** A FANOS answer; `editing` when one answer is being changed after review (then the review comes back). */
  | { kind: 'fanos'; linkId: string; round: string; step: number; editing?: boolean };

export interface Person {
  id: string;
  role: Role | null;
  timezone: TimeZone;
  /** Null when daily prompts are off. */
  promptTime: TimeOfDay | null;
  /** ISO weekdays the prompt comes on, e.g. "12345" for Monday to Friday. */
  promptDays: string;
  quiet: QuietHours | null;
  pausedUntil: Date | null;
  awaiting: Awaiting | null;
  joinedOn: LocalDate;
  createdAt: Date;
  /** Prompts sent since the last check-in; a week of them makes the prompts back off. */
  unansweredPrompts: number;
}

/** Opaque, platform-prefixed account id such as `telegram:12345` or `console:alice`. */
export type AccountId = PlatformId;

export function isPaused(person: Person, now: Date): boolean {
  return person.pausedUntil !== null && person.pausedUntil > now;
}
