// Shared generators for the domain tests. Dates are built with plain UTC arithmetic so the
// tests never rely on the code they check.
import fc from 'fast-check';
import type { LocalDate, TimeZone } from '../../src/domain/local-date.js';

const DAY_MS = 86_400_000;
const EPOCH_2000 = Date.UTC(2000, 0, 1);

/** The calendar date `n` days after 2000-01-01, computed without the code under test. */
export function dateFromDayNumber(n: number): LocalDate {
  return new Date(EPOCH_2000 + n * DAY_MS).toISOString().slice(0, 10) as LocalDate;
}

export function dayNumberOf(date: LocalDate): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - EPOCH_2000) / DAY_MS);
}

/** A local date between 2000 and about 2054. */
export const localDateArb: fc.Arbitrary<LocalDate> = fc.integer({ min: 0, max: 20_000 }).map(dateFromDayNumber);

/** Zones from UTC−12 to UTC+14, with and without DST, with half- and quarter-hour offsets. */
export const WORLD_ZONES = [
  'Etc/GMT+12', 'Pacific/Pago_Pago', 'Pacific/Honolulu', 'America/Los_Angeles', 'America/New_York',
  'America/St_Johns', 'America/Sao_Paulo', 'Europe/London', 'Europe/Berlin', 'Europe/Riga',
  'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Australia/Adelaide', 'Pacific/Chatham',
  'Pacific/Auckland', 'Pacific/Kiritimati', 'Etc/GMT-14',
] as TimeZone[];

/** Zones whose DST change happens at local midnight, so some days start at 01:00. */
export const MIDNIGHT_DST_ZONES = ['America/Havana', 'America/Santiago', 'Asia/Beirut'] as TimeZone[];

export const ALL_ZONES: TimeZone[] = [...WORLD_ZONES, ...MIDNIGHT_DST_ZONES];

export const zoneArb: fc.Arbitrary<TimeZone> = fc.constantFrom(...ALL_ZONES);

/** An instant between 2020 and the end of 2035. */
export const instantArb: fc.Arbitrary<Date> = fc.date({
  min: new Date(Date.UTC(2020, 0, 1)),
  max: new Date(Date.UTC(2035, 11, 31, 23, 59, 59, 999)),
  noInvalidDate: true,
});
