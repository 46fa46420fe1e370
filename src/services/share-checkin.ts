import type { CommandContext } from './context.js';
import type { CheckIn, RecoveryStatus } from '../domain/checkin.js';
import { mayReceive } from '../domain/consent.js';
import { shortDate } from '../messages/format.js';
import { heldRelapseNews, releaseHeldRelapseNews, toldStatus, withdrawQueuedNews } from '../store/outbox.js';
import { displayNameOf, sharingLinks } from '../store/links.js';
import { discloseToSupporters } from './disclose.js';
import { lowMoodNews } from './low-mood-news.js';

/** After a relapse, automatic sharing waits this long, so the person can tell people themselves. */
export const DISCLOSURE_WINDOW_MS = 24 * 3_600_000;

/**
 * A check-in made in several taps is shared once, with what it says in the end: when the
 * person says they are done, or this long after their last change to it.
 */
export const QUIET_PERIOD_MS = 10 * 60_000;

const STATUS_WORDS: Record<RecoveryStatus, string> = {
  sober: 'A sober day ✓.',
  middle: 'A hard day, but no relapse.',
  relapse: 'A relapse; they have started again.',
};

/**
 * Shares a day's check-in with supporters who receive the daily status (and, if they receive
 * them, its mood and note), as its latest version: each change replaces the news still
 * waiting, so a check-in made in several taps goes out once. A relapse is held for the
 * disclosure window first. Someone already told something else about the day gets one clear
 * correction, never a second report that contradicts the first.
 */
export async function shareCheckin(ctx: CommandContext, c: CheckIn, opts: { finished?: boolean } = {}): Promise<{ queued: number }> {
  if (ctx.person.role !== 'recovery' || c.status === null) return { queued: 0 };
  const { db, seal } = ctx.deps;
  if ((await sharingLinks(db, ctx.person.id)).length === 0) return { queued: 0 };
  const name = await displayNameOf(db, ctx.person.id);
  const relapse = c.status === 'relapse';
  const notBefore = new Date(ctx.now.getTime() + (relapse ? DISCLOSURE_WINDOW_MS : opts.finished ? 0 : QUIET_PERIOD_MS));
  const told = await toldStatus(db, seal, ctx.person.id, c.localDate);
  const queued = await discloseToSupporters(db, seal, ctx.person, {
    topic: 'status', needs: ['status'], reportsRelapse: relapse, tellsStatus: c.status, aboutDate: c.localDate, notBefore,
    key: `status:${ctx.person.id}:${c.localDate}:${ctx.now.getTime()}`, replaceQueued: true,
    only: (link) => !told.has(link.supporterId),
    // Mood and note go only to those given them, and each message names every scope it
    // carries, so taking back "mood" also stops a status message already waiting.
    needsFor: (link) => [
      'status' as const,
      ...(c.mood !== null && mayReceive(link, { scope: 'mood', relapse }) ? ['mood' as const] : []),
      ...(c.note && mayReceive(link, { scope: 'notes', relapse }) ? ['notes' as const] : []),
    ],
    text: (link) => {
      // The first two lines are what a lock screen shows: who and when, nothing more.
      const lines = [`A check-in from ${name}.`, `${shortDate(c.localDate)}, as they shared it:`, STATUS_WORDS[c.status!]];
      if (c.mood !== null && mayReceive(link, { scope: 'mood', relapse })) lines.push(`Mood: ${c.mood} of 5${c.feeling ? ` (${c.feeling})` : ''}.`);
      if (c.note && mayReceive(link, { scope: 'notes', relapse })) lines.push(`Their note: ${c.note}`);
      const low = lowMoodNews(ctx.deps.config, c, mayReceive(link, { scope: 'mood', relapse }), link.id);
      if (low) lines.push(low.line);
      return lines.join('\n');
    },
    // A very low day comes with a way to act (never the words that flagged it).
    buttons: (link) => lowMoodNews(ctx.deps.config, c, mayReceive(link, { scope: 'mood', relapse }), link.id)?.buttons,
  }, ctx.now);
  await correctWhatWasTold(ctx, c, told, name, notBefore);
  return { queued };
}

/**
 * Those already told about this day: when what they were told is no longer true (a relapse
 * taken back, or one recorded after a good report), one correction, held like any relapse
 * news; when it is still true, nothing, and a correction still waiting is withdrawn.
 */
async function correctWhatWasTold(ctx: CommandContext, c: CheckIn, told: Map<string, RecoveryStatus>, name: string, notBefore: Date) {
  const { db, seal } = ctx.deps;
  const relapse = c.status === 'relapse';
  const stillTrue = [...told].filter(([, s]) => (s === 'relapse') === relapse).map(([id]) => id);
  await withdrawQueuedNews(db, ctx.person.id, c.localDate, 'status-correction', stillTrue, 'no-longer-needed');
  if (stillTrue.length === told.size) return;
  await discloseToSupporters(db, seal, ctx.person, {
    // Relapse news either way: a partner who receives relapse notices hears a notice taken back, too.
    topic: 'status-correction', needs: ['status'], reportsRelapse: true, tellsStatus: c.status!, aboutDate: c.localDate, notBefore,
    key: `status-correction:${ctx.person.id}:${c.localDate}:${ctx.now.getTime()}`, replaceQueued: true,
    only: (link) => told.has(link.supporterId) && !stillTrue.includes(link.supporterId),
    text: () => [`A correction from ${name}.`, `About ${shortDate(c.localDate)}, which they had shared before:`, relapse
      ? 'It was a relapse after all; they have started again.'
      : `It was not a relapse: they corrected it. ${STATUS_WORDS[c.status!]}`].join('\n'),
  }, ctx.now);
}

/** Sends held relapse news now: the person chose to let their supporters know through the bot. */
export async function releaseHeldNews(ctx: CommandContext): Promise<number> {
  return releaseHeldRelapseNews(ctx.deps.db, ctx.deps.seal, ctx.person.id, ctx.now);
}

/** Who will hear about a relapse when its window ends (by name), and when. */
export async function heldFor(ctx: CommandContext): Promise<{ names: string[]; until: Date } | null> {
  const held = await heldRelapseNews(ctx.deps.db, ctx.deps.seal, ctx.person.id);
  if (held.length === 0) return null;
  const names: string[] = [];
  for (const h of held) {
    const name = await displayNameOf(ctx.deps.db, h.recipientId);
    if (!names.includes(name)) names.push(name);
  }
  return { names, until: held[0]!.until };
}
