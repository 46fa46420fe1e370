/**
 * Where a heavy moment interrupts what the person was doing: a check-in (crisis words in the
 * note, mood 1, "not safe"), or anything else they typed. The crisis reply then comes first
 * and alone; what they were doing is kept quietly and can be finished later. When words only
 * might mean a heavy moment, the usual answer comes with a gentle question after it.
 */
import { heavyMomentInCheckin, type HeavyKind, type HeavyMoment } from '../domain/heavy-moment.js';
import { checkinSaved } from '../messages/heavy-replies.js';
import type { Reply } from '../ports/reply.js';
import type { CheckinOutcome } from '../services/checkin.js';
import type { CommandContext } from '../services/context.js';
import { crisisWords } from '../services/crisis-texts.js';
import { crisisReply, gentleCheck } from '../services/heavy-moments.js';
import { heldFor, shareCheckin } from '../services/share-checkin.js';

/** What a check-in answer holds: a heavy moment, unsure words (a gentle question), or nothing. */
export type CheckinReading = { moment: HeavyMoment } | { gentle: HeavyKind } | null;

export function readCheckin(ctx: CommandContext, o: CheckinOutcome): CheckinReading {
  const c = o.checkin;
  const noteChanged = c.note !== (o.previous?.note ?? null);
  const words = noteChanged && c.note ? crisisWords(ctx.deps.config)(c.note) : null;
  const moment = heavyMomentInCheckin({
    mood: c.mood, moodBefore: o.previous?.mood ?? null, safe: c.safe, safeBefore: o.previous?.safe ?? null, noteWords: words, status: c.status,
  }, ctx.person.role);
  if (moment) return { moment };
  return words ? { gentle: words.kind } : null;
}

/**
 * The check-in is saved quietly (and shared as it would be, so a supporter who receives the
 * mood learns of a very low day); the answer is the crisis reply alone: no encouragement,
 * no milestones (they wait for the next check-in), no healing-work menu.
 */
export async function crisisAfterCheckin(ctx: CommandContext, o: CheckinOutcome, moment: HeavyMoment): Promise<Reply[]> {
  // Shared as its latest version, like any check-in (a correction of a relapse included).
  await shareCheckin(ctx, o.checkin);
  return [await crisisReply(ctx, moment, { saved: checkinSaved(o.checkin.localDate, (await heldFor(ctx)) !== null) })];
}

/** Crisis words in anything else typed: the crisis reply before the usual answer, or a gentle question after it. */
export async function withHeavyMoment(ctx: CommandContext, text: string, replies: Reply[]): Promise<Reply[]> {
  const words = crisisWords(ctx.deps.config)(text);
  if (!words) return replies;
  if (words.certainty === 'unsure') return [...replies, gentleCheck(words.kind)];
  return [await crisisReply(ctx, { kind: words.kind, trigger: 'words' }), ...replies];
}
