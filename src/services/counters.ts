import type { LocalDate } from '../domain/local-date.js';
import type { Person } from '../domain/person.js';
import { sobrietyCounters, type SobrietyCounters } from '../domain/sobriety.js';
import { checkinRate, checkinStreak, type CheckinRate } from '../domain/streaks.js';
import type { CoreDeps } from './context.js';
import { listCheckinDates } from '../store/checkins.js';
import { listPeriods } from '../store/sobriety-periods.js';

export interface Counters {
  /** Only for people in recovery who have a sobriety date. */
  sobriety: (SobrietyCounters & { periodId: string | null }) | null;
  streak: { length: number; start: LocalDate | null };
  rate: CheckinRate;
  /** Every local date with a check-in, oldest first. */
  dates: LocalDate[];
}

/**
 * The counters a check-in, a prompt and a milestone need. They come from the dates of
 * check-ins and from sobriety periods alone, so a person's sealed answers are never opened
 * here, however long their history (this runs on every check-in).
 */
export async function loadCounters(deps: Pick<CoreDeps, 'db'>, person: Person, today: LocalDate): Promise<Counters> {
  const dates = await listCheckinDates(deps.db, person.id);
  const upToToday = dates.filter((d) => d <= today);
  const periods = person.role === 'recovery' ? await listPeriods(deps.db, person.id) : [];
  return {
    sobriety: periods.length > 0
      ? { ...sobrietyCounters(periods, today), periodId: periods.find((p) => p.end === null)?.id ?? null }
      : null,
    streak: checkinStreak(upToToday, today),
    rate: checkinRate(upToToday, today, person.joinedOn),
    dates,
  };
}
