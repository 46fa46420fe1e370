import { addDays, weekdayOf, type LocalDate } from './local-date.js';

/**
 * How many prompted days in a row, ending with `date`, have no check-in. Days the person
 * is not prompted on neither count nor break the run; days before they joined end it.
 */
export function consecutiveMisses(
  checkinDates: ReadonlySet<LocalDate>, date: LocalDate, promptDays: string, joinedOn: LocalDate, cap = 60,
): number {
  let misses = 0;
  for (let d = date, i = 0; d >= joinedOn && i < cap * 7; d = addDays(d, -1), i += 1) {
    if (!promptDays.includes(String(weekdayOf(d)))) continue;
    if (checkinDates.has(d)) break;
    misses += 1;
    if (misses >= cap) break;
  }
  return misses;
}
