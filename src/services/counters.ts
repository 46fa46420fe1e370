import { addDays, daysBetween, type LocalDate } from '../domain/local-date.js';
import { toDbInstant } from '../store/convert.js';
import { graceOf } from '../store/schedule.js';
import type { Person } from '../domain/person.js';
import { sobrietyCounters, type SobrietyCounters } from '../domain/sobriety.js';
import { checkinRate, checkinStreak, type CheckinRate } from '../domain/streaks.js';
import type { CoreDeps } from './context.js';
import { recentCheckinDates, recentDatesAndPeriods } from '../store/checkins.js';

export interface Counters {
  /** Only for people in recovery who have a sobriety date. */
  sobriety: (SobrietyCounters & { periodId: string | null; periodRecordedAt: Date | null }) | null;
  streak: { length: number; start: LocalDate | null };
  rate: CheckinRate;
  /** The latest day before today with a check-in. */
  lastBefore: LocalDate | null;
}

/** Days of check-in dates read at first: the 30-day rate and most streaks fit; a longer streak reads further back. */
const WINDOW_DAYS = 62;

/**
 * The person's counters on `today`. `openFrom` is the first day not yet closed (today, or
 * yesterday while its deadline has not passed: see openFromOf); open days count toward the
 * check-in rate only once checked in. They come from the dates of check-ins and from sobriety
 * periods alone, so a person's sealed answers are never opened here; and only recent dates are
 * read (this runs on every check-in and every prompt, whatever the history).
 */
export async function loadCounters(deps: Pick<CoreDeps, 'db'>, person: Person, today: LocalDate, openFrom: LocalDate = today): Promise<Counters> {
  let from = addDays(today, -WINDOW_DAYS);
  // The first read brings the sobriety periods along (one round trip on PostgreSQL).
  const first = await recentDatesAndPeriods(deps.db, person.id, from, person.role === 'recovery');
  let recent: { dates: LocalDate[]; earlier: LocalDate | null } = first;
  let dates = recent.dates.filter((d) => d <= today);
  let streak = checkinStreak(dates, today);
  // A streak that reaches the first day read may go on before it: read twice as far back.
  while (streak.start !== null && streak.start <= from) {
    from = addDays(today, -2 * (daysBetween(from, today) + 1));
    recent = await recentCheckinDates(deps.db, person.id, from);
    dates = recent.dates.filter((d) => d <= today);
    streak = checkinStreak(dates, today);
  }
  const periods = first.periods;
  const current = periods.find((p) => p.end === null);
  return {
    sobriety: periods.length > 0
      ? { ...sobrietyCounters(periods, today), periodId: current?.id ?? null, periodRecordedAt: current?.recordedAt ?? null }
      : null,
    streak,
    rate: checkinRate(dates, today, person.joinedOn, 30, openFrom, person.promptDays),
    lastBefore: dates.filter((d) => d < today).pop() ?? recent.earlier,
  };
}

/** The first day that has not closed yet: yesterday while its check-in deadline is still ahead, else today. */
export async function openFromOf(deps: Pick<CoreDeps, 'db'>, person: Person, today: LocalDate, now: Date): Promise<LocalDate> {
  const yesterday = addDays(today, -1);
  const grace = await graceOf(deps.db, person.id);
  return grace.date === yesterday && grace.at !== null && grace.at > toDbInstant(now) ? yesterday : today;
}
