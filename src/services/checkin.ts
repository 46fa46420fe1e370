import type { CheckIn, HealingWork, Mood, RecoveryStatus } from '../domain/checkin.js';
import type { CommandContext } from './context.js';
import { getCheckin, getCheckinVersioned, saveCheckin, saveCheckinIfUnchanged } from '../store/checkins.js';
import { isSqlite } from '../store/database.js';
import { lockPersonForCheckin } from '../store/people.js';
import { endCurrentPeriod, listPeriods, startPeriod, undoRelapse } from '../store/sobriety-periods.js';

/** What one `/checkin` call says; fields left out keep the value already recorded today. */
export interface CheckinInput {
  status?: RecoveryStatus;
  mood?: Mood;
  feeling?: string;
  safe?: boolean;
  /** Replaces the day's healing work, or adds/removes items when given as changes. */
  work?: { set: HealingWork[] } | { add: HealingWork[]; remove: HealingWork[] };
  note?: string;
}

export interface CheckinOutcome {
  checkin: CheckIn;
  previous: CheckIn | null;
  /** A relapse recorded by this call (not one already recorded earlier today). */
  newRelapse: boolean;
  /** Today's relapse corrected to sober or middle: the earlier sobriety date counts again. */
  relapseUndone: boolean;
}

function mergeWork(before: HealingWork[], change: CheckinInput['work']): HealingWork[] {
  if (!change) return before;
  if ('set' in change) return [...new Set(change.set)];
  const next = new Set(before);
  for (const w of change.add) next.add(w);
  for (const w of change.remove) next.delete(w);
  return [...next];
}

/** Today's check-in as it stands after `input`: fields left out keep what `previous` had. */
function merged(ctx: CommandContext, input: CheckinInput, previous: CheckIn | null): CheckIn {
  return {
    localDate: ctx.today,
    zone: ctx.person.timezone,
    status: ctx.person.role === 'recovery' ? (input.status ?? previous?.status ?? null) : null,
    mood: input.mood ?? previous?.mood ?? null,
    feeling: input.feeling ?? previous?.feeling ?? null,
    healingWork: mergeWork(previous?.healingWork ?? [], input.work),
    safe: input.safe ?? previous?.safe ?? null,
    note: input.note ?? previous?.note ?? null,
    at: ctx.now,
  };
}

/**
 * Records today's check-in (one per local date; a second call updates it) and keeps the
 * sobriety periods in step: a relapse ends the current period and starts the next one
 * that same day; correcting it the same day restores the period it ended.
 */
export async function recordCheckin(ctx: CommandContext, input: CheckinInput): Promise<CheckinOutcome> {
  const { db, seal } = ctx.deps;
  // On PostgreSQL every statement is a round trip: a check-in that leaves the sobriety periods
  // alone is read and then written in one statement that only goes through if nothing changed
  // the row in between (two round trips instead of five). Anything else takes the locked path.
  if (!isSqlite(db)) {
    const read = await getCheckinVersioned(db, seal, ctx.person.id, ctx.today);
    const previous = read?.checkin ?? null;
    const checkin = merged(ctx, input, previous);
    const touchesPeriods = (previous?.status === 'relapse') !== (checkin.status === 'relapse');
    if (!touchesPeriods && await saveCheckinIfUnchanged(db, seal, ctx.person.id, checkin, read?.version ?? null)) {
      return { checkin, previous, newRelapse: false, relapseUndone: false };
    }
  }
  return db.transaction().execute(async (trx) => {
    await lockPersonForCheckin(trx, ctx.person.id);
    const previous = await getCheckin(trx, seal, ctx.person.id, ctx.today);
    const checkin = merged(ctx, input, previous);
    await saveCheckin(trx, seal, ctx.person.id, checkin);

    const wasRelapse = previous?.status === 'relapse';
    const isRelapse = checkin.status === 'relapse';
    if (isRelapse && !wasRelapse) {
      const periods = await listPeriods(trx, ctx.person.id);
      if (periods.some((p) => p.end === null)) await endCurrentPeriod(trx, ctx.person.id, ctx.today);
      await startPeriod(trx, ctx.person.id, ctx.today, ctx.now);
    } else if (wasRelapse && !isRelapse) {
      await undoRelapse(trx, ctx.person.id, ctx.today);
    }
    return { checkin, previous, newRelapse: isRelapse && !wasRelapse, relapseUndone: wasRelapse && !isRelapse };
  });
}
