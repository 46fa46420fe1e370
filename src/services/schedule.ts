import type { CoreDeps } from './context.js';
import { nextWeekly, promptAfterChange } from '../domain/due-time.js';
import { getPerson } from '../store/people.js';
import { dueState, setNextPrompt, setNextSummary } from '../store/schedule.js';

const SUNDAY = 7;

/**
 * Recomputes a person's next prompt and weekly summary after their settings changed.
 * The rule in promptAfterChange keeps every local date at one prompt: never two, and
 * never none for a day that is still open.
 */
export async function reschedule(deps: Pick<CoreDeps, 'db' | 'config'>, personId: string, now: Date): Promise<void> {
  const person = await getPerson(deps.db, personId);
  if (!person) return;
  const state = await dueState(deps.db, personId);
  const next = person.role && person.promptTime
    ? promptAfterChange({ zone: person.timezone, time: person.promptTime, days: person.promptDays }, now, state.lastPromptDate, state.pendingPromptDate)
    : null;
  await setNextPrompt(deps.db, personId, next);
  await setNextSummary(deps.db, personId, person.role ? nextWeekly(person.timezone, SUNDAY, deps.config.schedule.weeklySummaryTime, now) : null);
}
