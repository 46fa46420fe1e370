/**
 * Prompts that go unanswered come less often, so silence is never met with a daily
 * reminder of it: after a week of unanswered prompts, every other day; after about a week
 * of those, once a week. Any check-in brings the daily prompt back.
 */
export type PromptPace = 'daily' | 'every-other-day' | 'weekly';

/** Unanswered prompts in a row after which the prompt comes every other day (a week of them). */
export const BACK_OFF_AFTER = 7;
/** Unanswered prompts in a row after which it comes once a week (four more, about a week at every other day). */
export const WEEKLY_AFTER = 11;

/** The pace once `unanswered` prompts in a row went unanswered. */
export function paceAfter(unanswered: number): PromptPace {
  if (unanswered >= WEEKLY_AFTER) return 'weekly';
  return unanswered >= BACK_OFF_AFTER ? 'every-other-day' : 'daily';
}

/** Days from one prompt to the next at a pace (at least; the person's weekdays may push it on). */
export function daysToNextPrompt(pace: PromptPace): number {
  return pace === 'weekly' ? 7 : pace === 'every-other-day' ? 2 : 1;
}

/** The pace a prompt starts, when it is the first at that pace (said once, kindly), else null. */
export function paceStartedBy(unansweredBefore: number): Exclude<PromptPace, 'daily'> | null {
  if (unansweredBefore === BACK_OFF_AFTER) return 'every-other-day';
  return unansweredBefore === WEEKLY_AFTER ? 'weekly' : null;
}
