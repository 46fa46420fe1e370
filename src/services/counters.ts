import type { LocalDate } from '../domain/local-date.js';
import type { Person } from '../domain/person.js';
import { sobrietyCounters, type SobrietyCounters } from '../domain/sobriety.js';
import { checkinRate, checkinStreak, recoveryActionsStreak, type CheckinRate } from '../domain/streaks.js';
import type { CoreDeps } from './context.js';
import { listCheckinDays, type CheckinDay } from '../store/checkins.js';
import { listPeriods } from '../store/sobriety-periods.js';

export interface Counters {
  /** Only for people in recovery who have a sobriety date. */
  sobriety: (SobrietyCounters & { periodId: string | null }) | null;
  streak: { length: number; start: LocalDate | null };
  actions: { length: number; start: LocalDate | null };
  rate: CheckinRate;
  days: CheckinDay[];
}

export async function loadCounters(deps: Pick<CoreDeps, 'db'>, person: Person, today: LocalDate): Promise<Counters> {
  const days = await listCheckinDays(deps.db, person.id);
  const dates = days.map((d) => d.localDate).filter((d) => d <= today);
  const periods = person.role === 'recovery' ? await listPeriods(deps.db, person.id) : [];
  return {
    sobriety: periods.length > 0
      ? { ...sobrietyCounters(periods, today), periodId: periods.find((p) => p.end === null)?.id ?? null }
      : null,
    streak: checkinStreak(dates, today),
    actions: recoveryActionsStreak(days.filter((d) => d.localDate <= today), today),
    rate: checkinRate(dates, today, person.joinedOn),
    days,
  };
}
