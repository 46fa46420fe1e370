import { daysBetween, type LocalDate } from './local-date.js';

/**
 * A stretch of sober days. It starts on the sobriety date and ends on the date of a
 * relapse (that day is the first of the next period); the current period has no end.
 */
export interface SobrietyPeriod {
  start: LocalDate;
  end: LocalDate | null;
}

export interface SobrietyCounters {
  /** Days since the current sobriety date; null when no period has been started. */
  current: number | null;
  longest: number;
  total: number;
  currentStart: LocalDate | null;
  relapses: number;
}

/**
 * The days a period counts, as its counter showed them. The counter reads 0 on the sobriety
 * date and one more each day after; a relapse on `end` starts the next period that day, so an
 * ended period's last day is the day before, and its length is what the counter reached then
 * (never one more than the person ever saw).
 */
export function periodLength(p: SobrietyPeriod, today: LocalDate): number {
  return Math.max(0, p.end === null ? daysBetween(p.start, today) : daysBetween(p.start, p.end) - 1);
}

export function sobrietyCounters(periods: readonly SobrietyPeriod[], today: LocalDate): SobrietyCounters {
  const current = periods.find((p) => p.end === null) ?? null;
  let longest = 0;
  let total = 0;
  for (const p of periods) {
    const len = periodLength(p, today);
    longest = Math.max(longest, len);
    total += len;
  }
  return {
    current: current ? periodLength(current, today) : null,
    currentStart: current?.start ?? null,
    longest,
    total,
    relapses: periods.filter((p) => p.end !== null).length,
  };
}

export type SobrietyDateProblem =
  | { kind: 'in-future'; today: LocalDate }
  | { kind: 'before-last-relapse'; lastRelapse: LocalDate };

/**
 * Whether a (possibly backdated) sobriety date can start the current period. It may lie
 * in the past, so earlier sober time counts, but not before a recorded relapse: that
 * would rewrite history the person told us honestly.
 */
export function checkSobrietyDate(
  date: LocalDate,
  periods: readonly SobrietyPeriod[],
  today: LocalDate,
): SobrietyDateProblem | null {
  if (date > today) return { kind: 'in-future', today };
  const lastRelapse = periods
    .map((p) => p.end)
    .filter((e): e is LocalDate => e !== null)
    .sort()
    .pop();
  if (lastRelapse && date < lastRelapse) return { kind: 'before-last-relapse', lastRelapse };
  return null;
}
