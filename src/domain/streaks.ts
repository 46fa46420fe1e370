import { addDays, daysBetween, type LocalDate } from './local-date.js';

/**
 * Consecutive local days with a check-in, counted back from today. A streak is still
 * alive when the last check-in was yesterday: today is not over yet.
 */
export function consecutiveDays(dates: ReadonlySet<LocalDate>, today: LocalDate): { length: number; start: LocalDate | null } {
  let day = dates.has(today) ? today : addDays(today, -1);
  if (!dates.has(day)) return { length: 0, start: null };
  let length = 0;
  let start = day;
  while (dates.has(day)) {
    length += 1;
    start = day;
    day = addDays(day, -1);
  }
  return { length, start };
}

export function checkinStreak(checkinDates: Iterable<LocalDate>, today: LocalDate) {
  return consecutiveDays(new Set(checkinDates), today);
}

/** Days with at least one healing action (outer circle) in a row, counted like the check-in streak. */
export function recoveryActionsStreak(days: Iterable<{ localDate: LocalDate; actions: number }>, today: LocalDate) {
  const withActions = new Set<LocalDate>();
  for (const d of days) if (d.actions > 0) withActions.add(d.localDate);
  return consecutiveDays(withActions, today);
}

export interface CheckinRate {
  days: number;
  checkedIn: number;
  /** 0..1 */
  rate: number;
}

/**
 * Check-ins over the last `window` local days including today. A person who joined
 * recently is measured over the days they have been here, not punished for the rest.
 */
export function checkinRate(
  checkinDates: Iterable<LocalDate>,
  today: LocalDate,
  joined: LocalDate,
  window = 30,
): CheckinRate {
  const first = addDays(today, -(window - 1));
  const from = joined > first ? joined : first;
  const days = Math.max(1, daysBetween(from, today) + 1);
  let checkedIn = 0;
  for (const d of new Set(checkinDates)) if (d >= from && d <= today) checkedIn += 1;
  return { days, checkedIn, rate: checkedIn / days };
}
