import { addDays, type LocalDate } from '../domain/local-date.js';
import { toDbInstant } from '../store/convert.js';
import { graceOf } from '../store/schedule.js';
import type { Person } from '../domain/person.js';
import { sobrietyCounters, type SobrietyCounters } from '../domain/sobriety.js';
import { checkinRate, checkinStreak, recoveryActionsStreak, type CheckinRate } from '../domain/streaks.js';
import type { CoreDeps } from './context.js';
import { listCheckinDays, type CheckinDay } from '../store/checkins.js';
import { listPeriods } from '../store/sobriety-periods.js';

export interface Counters {
  /** Only for people in recovery who have a sobriety date. */
  sobriety: (SobrietyCounters & { periodId: string | null; periodRecordedAt: Date | null }) | null;
  streak: { length: number; start: LocalDate | null };
  actions: { length: number; start: LocalDate | null };
  rate: CheckinRate;
  days: CheckinDay[];
}

/**
 * The person's counters on `today`. `openFrom` is the first day not yet closed (today, or
 * yesterday while its deadline has not passed: see openFromOf); open days count toward the
 * check-in rate only once checked in.
 */
export async function loadCounters(deps: Pick<CoreDeps, 'db'>, person: Person, today: LocalDate, openFrom: LocalDate = today): Promise<Counters> {
  const days = await listCheckinDays(deps.db, person.id);
  const dates = days.map((d) => d.localDate).filter((d) => d <= today);
  const periods = person.role === 'recovery' ? await listPeriods(deps.db, person.id) : [];
  const current = periods.find((p) => p.end === null);
  return {
    sobriety: periods.length > 0
      ? { ...sobrietyCounters(periods, today), periodId: current?.id ?? null, periodRecordedAt: current?.recordedAt ?? null }
      : null,
    streak: checkinStreak(dates, today),
    actions: recoveryActionsStreak(days.filter((d) => d.localDate <= today), today),
    rate: checkinRate(dates, today, person.joinedOn, 30, openFrom, person.promptDays),
    days,
  };
}

/** The first day that has not closed yet: yesterday while its check-in deadline is still ahead, else today. */
export async function openFromOf(deps: Pick<CoreDeps, 'db'>, person: Person, today: LocalDate, now: Date): Promise<LocalDate> {
  const yesterday = addDays(today, -1);
  const grace = await graceOf(deps.db, person.id);
  return grace.date === yesterday && grace.at !== null && grace.at > toDbInstant(now) ? yesterday : today;
}
