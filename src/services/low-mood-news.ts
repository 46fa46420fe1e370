import type { Config } from '../config.js';
import type { CheckIn } from '../domain/checkin.js';
import { LOW_MOOD_NEWS, REACH_OUT_LABEL } from '../messages/heavy-replies.js';
import type { Button } from '../ports/reply.js';
import { crisisWords } from './crisis-texts.js';

/**
 * What a supporter who receives the mood gets under a very low day — a mood of 1, or clear
 * crisis words in the note (a flag only, never the words): a line and a way to act, not a
 * bare number. Null for any other day, or for a supporter who does not receive the mood.
 */
export function lowMoodNews(config: Config, c: Pick<CheckIn, 'mood' | 'note'>, seesMood: boolean, linkId: string): { line: string; buttons: Button[][] } | null {
  if (!seesMood || c.mood === null) return null;
  const flagged = c.note !== null && crisisWords(config)(c.note)?.certainty === 'clear';
  if (c.mood !== 1 && !flagged) return null;
  return { line: LOW_MOOD_NEWS, buttons: [[{ label: REACH_OUT_LABEL, command: `/reachout ${linkId}` }]] };
}
