import { nextPrompt } from './due-time.js';
import type { TimeZone } from './local-date.js';
import type { TimeOfDay } from './time-of-day.js';

/** The end-of-day roll call comes at this local time in the group's zone. */
export const ROLLCALL_TIME = '22:30' as TimeOfDay;
const EVERY_DAY = '1234567';

/** A group's next daily prompt and roll call after `after`, in the group's own zone. */
export function nextGroupTimes(g: { timezone: TimeZone; promptTime: TimeOfDay }, after: Date) {
  return {
    nextPromptAt: nextPrompt({ zone: g.timezone, time: g.promptTime, days: EVERY_DAY }, after, null)?.at ?? null,
    nextRollcallAt: nextPrompt({ zone: g.timezone, time: ROLLCALL_TIME, days: EVERY_DAY }, after, null)?.at ?? null,
  };
}
