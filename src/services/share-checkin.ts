import type { CommandContext } from './context.js';
import type { CheckIn } from '../domain/checkin.js';
import { mayReceive } from '../domain/consent.js';
import { shortDate } from '../messages/format.js';
import type { LocalDate } from '../domain/local-date.js';
import { releaseHeldRelapseNews, withdrawStatusNews } from '../store/outbox.js';
import { displayNameOf, sharingLinks } from '../store/links.js';
import { discloseToSupporters } from './disclose.js';
import { lowMoodNews } from './low-mood-news.js';

/** After a relapse, automatic sharing waits this long, so the person can tell people themselves. */
export const DISCLOSURE_WINDOW_MS = 24 * 3_600_000;

/**
 * Shares a day's check-in with supporters who were given the daily status (and, if
 * granted, mood and notes). A relapse is held for the disclosure window first.
 */
export async function shareCheckin(ctx: CommandContext, c: CheckIn): Promise<{ held: number; sent: number }> {
  if (ctx.person.role !== 'recovery' || c.status === null) return { held: 0, sent: 0 };
  const { db, seal } = ctx.deps;
  if ((await sharingLinks(db, ctx.person.id)).length === 0) return { held: 0, sent: 0 };
  const name = await displayNameOf(db, ctx.person.id);
  const relapse = c.status === 'relapse';
  const notBefore = relapse ? new Date(ctx.now.getTime() + DISCLOSURE_WINDOW_MS) : ctx.now;
  const answer = c.status === 'sober' ? 'a sober day ✓' : c.status === 'middle' ? 'a hard day, but no relapse' : 'a relapse; they have started again';
  const sent = await discloseToSupporters(db, seal, ctx.person, {
    topic: 'status', needs: ['status'], reportsRelapse: relapse, aboutDate: c.localDate, notBefore,
    key: `status:${ctx.person.id}:${c.localDate}:${c.status}`,
    // Mood and note go only to those given them, and each message names every scope it
    // carries, so taking back "mood" also stops a status message already waiting.
    needsFor: (link) => [
      'status' as const,
      ...(c.mood !== null && mayReceive(link, { scope: 'mood', relapse }) ? ['mood' as const] : []),
      ...(c.note && mayReceive(link, { scope: 'notes', relapse }) ? ['notes' as const] : []),
    ],
    text: (link) => {
      const lines = [`A check-in from ${name}.`, `${shortDate(c.localDate)}: ${answer}.`];
      if (c.mood !== null && mayReceive(link, { scope: 'mood', relapse })) lines.push(`Mood: ${c.mood} of 5${c.feeling ? ` (${c.feeling})` : ''}.`);
      if (c.note && mayReceive(link, { scope: 'notes', relapse })) lines.push(`Their note: ${c.note}`);
      const low = lowMoodNews(ctx.deps.config, c, mayReceive(link, { scope: 'mood', relapse }), link.id);
      if (low) lines.push(low.line);
      return lines.join('\n');
    },
    // A very low day comes with a way to act (never the words that flagged it).
    buttons: (link) => lowMoodNews(ctx.deps.config, c, mayReceive(link, { scope: 'mood', relapse }), link.id)?.buttons,
  }, ctx.now);
  return relapse ? { held: sent, sent: 0 } : { held: 0, sent };
}

/** Sends held relapse news now: the person chose to let their supporters know through the bot. */
export async function releaseHeldNews(ctx: CommandContext): Promise<number> {
  return releaseHeldRelapseNews(ctx.deps.db, ctx.person.id, ctx.now);
}

/** Today's relapse was corrected: news about it that is still waiting is never sent. */
export async function withdrawRelapseNews(ctx: CommandContext, date: LocalDate): Promise<void> {
  await withdrawStatusNews(ctx.deps.db, ctx.person.id, date, 'corrected', true);
}
