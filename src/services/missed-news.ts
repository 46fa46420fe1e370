import { addDays, daysBetween } from '../domain/local-date.js';
import { lastCheckinBefore } from '../store/checkins.js';
import { checkedInAgainText } from '../messages/scheduled.js';
import { displayNameOf } from '../store/links.js';
import { alertedAboutMissesAfter } from '../store/outbox.js';
import type { CommandContext } from './context.js';
import { discloseToSupporters } from './disclose.js';

/**
 * The first check-in after days without one ends the run of misses: whoever was alerted about
 * them hears, once, that the person checked in again (that a check-in came, never what it said).
 */
export async function tellCheckedInAgain(ctx: CommandContext): Promise<void> {
  // Alerts are about prompted days: with no prompt unanswered since the last check-in (as the
  // person was before this check-in answered them), there was no run to end.
  if (ctx.person.unansweredPrompts === 0) return;
  const lastBefore = await lastCheckinBefore(ctx.deps.db, ctx.person.id, ctx.today);
  if (lastBefore !== null && lastBefore >= addDays(ctx.today, -1)) return;
  const since = lastBefore ?? addDays(ctx.person.joinedOn, -1);
  const alerted = await alertedAboutMissesAfter(ctx.deps.db, ctx.person.id, since);
  if (alerted.length === 0) return;
  const name = await displayNameOf(ctx.deps.db, ctx.person.id);
  const without = daysBetween(since, ctx.today) - 1;
  await discloseToSupporters(ctx.deps.db, ctx.deps.seal, ctx.person, {
    topic: 'checkin-resumed', needs: ['alerts'], aboutDate: ctx.today, notBefore: ctx.now,
    key: `checkin-resumed:${ctx.person.id}:${ctx.today}`, only: (link) => alerted.includes(link.supporterId),
    text: () => checkedInAgainText(name, ctx.today, without),
  }, ctx.now);
}
