import type { CommandContext } from './context.js';
import { addDays, type LocalDate } from '../domain/local-date.js';
import { toDbInstant } from '../store/convert.js';
import { getCheckin, moveCheckinDate } from '../store/checkins.js';
import { graceOf } from '../store/schedule.js';
import { moveStatusNews } from '../store/outbox.js';
import { displayNameOf } from '../store/links.js';
import { shortDate } from '../messages/format.js';
import { discloseToSupporters } from './disclose.js';
import { shareCheckin } from './share-checkin.js';

/**
 * Yesterday is still open when its check-in is missing and its grace deadline has not
 * passed: a check-in made just after midnight may well have been meant for it.
 */
export async function openYesterday(ctx: CommandContext): Promise<LocalDate | null> {
  const yesterday = addDays(ctx.today, -1);
  if (yesterday < ctx.person.joinedOn) return null;
  const grace = await graceOf(ctx.deps.db, ctx.person.id);
  if (grace.date !== yesterday || !grace.at || grace.at <= toDbInstant(ctx.now)) return null;
  if (await getCheckin(ctx.deps.db, ctx.deps.seal, ctx.person.id, yesterday)) return null;
  return yesterday;
}

export type MoveOutcome = { moved: LocalDate } | { problem: string };

/**
 * Moves today's check-in to yesterday while yesterday is still open. A relapse stays on the
 * day it was recorded: moving it would rewrite the sobriety periods the person told us.
 */
export async function moveCheckinToYesterday(ctx: CommandContext): Promise<MoveOutcome> {
  const { db, seal } = ctx.deps;
  const today = await getCheckin(db, seal, ctx.person.id, ctx.today);
  if (!today) return { problem: 'There is no check-in today to move.' };
  if (today.status === 'relapse') return { problem: 'A relapse stays on the day you recorded it, so I have left it on today. Your longest and total days still count.' };
  const yesterday = await openYesterday(ctx);
  if (!yesterday) return { problem: 'Yesterday can no longer take a check-in (it already has one, or its day is closed), so this one stays on today.' };
  const told = await db.transaction().execute(async (trx) => {
    await moveCheckinDate(trx, ctx.deps.seal, ctx.person.id, ctx.today, yesterday);
    // News about "today", waiting or sent, is now news about yesterday.
    return moveStatusNews(trx, ctx.person.id, ctx.today, yesterday);
  });
  await shareCheckin({ ...ctx, today: yesterday }, { ...today, localDate: yesterday });
  if (told.length > 0 && today.status !== null) {
    // Those who already heard about it as today's hear once that it was yesterday's; today stays open for its own.
    const name = await displayNameOf(db, ctx.person.id);
    await discloseToSupporters(db, seal, ctx.person, {
      topic: 'status-correction', needs: ['status'], tellsStatus: today.status, aboutDate: yesterday, notBefore: ctx.now,
      key: `status-moved:${ctx.person.id}:${yesterday}`, only: (link) => told.includes(link.supporterId),
      text: () => `A correction from ${name}.\nThe check-in they shared for ${shortDate(ctx.today)} was for ${shortDate(yesterday)}.`,
    }, ctx.now);
  }
  return { moved: yesterday };
}
