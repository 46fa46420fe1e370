import { addDays, weekdayOf, type LocalDate } from './local-date.js';

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
  /** Days counted: those that have ended (and were on the person's check-in days), and any open day with a check-in. */
  days: number;
  checkedIn: number;
  /** 0..1; 0 when no day counts yet. */
  rate: number;
}

/**
 * How many days from `from` to `today` count, and on how many a check-in came. A day is
 * counted once it has closed: every day from `openFrom` on (today, and yesterday while its
 * deadline has not passed) is still open, and counts only if it already has its check-in, so
 * no day is called missed before it ends. `counts` leaves out days not expected (before the
 * person joined, or weekdays without a prompt) unless they have a check-in.
 */
export function tallyDays(
  checkinDates: ReadonlySet<LocalDate>, from: LocalDate, today: LocalDate, openFrom: LocalDate,
  counts: (d: LocalDate) => boolean = () => true,
): CheckinRate {
  let days = 0;
  let checkedIn = 0;
  for (let d = from; d <= today; d = addDays(d, 1)) {
    if (checkinDates.has(d)) {
      days += 1;
      checkedIn += 1;
    } else if (d < openFrom && counts(d)) {
      days += 1;
    }
  }
  return { days, checkedIn, rate: days === 0 ? 0 : checkedIn / days };
}

/**
 * Check-ins over the last `window` local days including today. A person who joined
 * recently is measured over the days they have been here, not punished for the rest; days
 * still open count only once checked in.
 */
export function checkinRate(
  checkinDates: Iterable<LocalDate>,
  today: LocalDate,
  joined: LocalDate,
  window = 30,
  openFrom: LocalDate = today,
  promptDays = '1234567',
): CheckinRate {
  const first = addDays(today, -(window - 1));
  const from = joined > first ? joined : first;
  return tallyDays(new Set(checkinDates), from, today, openFrom, (d) => promptDays.includes(String(weekdayOf(d))));
}
