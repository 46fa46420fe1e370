import { DateTime, IANAZone } from 'luxon';

/** A calendar date as the person lived it, `YYYY-MM-DD`, always read with the zone it was taken in. */
export type LocalDate = string & { readonly __brand: 'LocalDate' };

/** An IANA zone name that luxon can resolve, e.g. `Europe/Berlin`. */
export type TimeZone = string & { readonly __brand: 'TimeZone' };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isTimeZone(name: string): name is TimeZone {
  // `IANAZone.isValidZone` accepts offsets like "UTC+3" only via other classes; we want real IANA names.
  return name.length > 0 && name.length <= 64 && IANAZone.isValidZone(name);
}

export function parseLocalDate(text: string): LocalDate | null {
  if (!ISO_DATE.test(text)) return null;
  const dt = DateTime.fromISO(text, { zone: 'UTC' });
  return dt.isValid && dt.toISODate() === text ? (text as LocalDate) : null;
}

/** The local calendar date of an instant in a zone. */
export function localDateOf(instant: Date, zone: TimeZone): LocalDate {
  return DateTime.fromJSDate(instant, { zone }).toISODate() as LocalDate;
}

/** Calendar arithmetic on dates only: no hours, so DST can never move a day. */
export function addDays(date: LocalDate, days: number): LocalDate {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() as LocalDate;
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  const a = DateTime.fromISO(from, { zone: 'UTC' });
  const b = DateTime.fromISO(to, { zone: 'UTC' });
  return Math.round(b.diff(a, 'days').days);
}

/** ISO weekday, Monday = 1 … Sunday = 7. */
export function weekdayOf(date: LocalDate): number {
  return DateTime.fromISO(date, { zone: 'UTC' }).weekday;
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A few well-known zones, offered when a typed zone name is not recognised. */
export const COMMON_ZONES: readonly TimeZone[] = [
  'America/Los_Angeles', 'America/Denver', 'America/Chicago', 'America/New_York',
  'America/Sao_Paulo', 'Europe/London', 'Europe/Berlin', 'Europe/Kyiv',
  'Africa/Lagos', 'Africa/Johannesburg', 'Asia/Kolkata', 'Asia/Singapore',
  'Asia/Tokyo', 'Australia/Sydney', 'Pacific/Auckland', 'UTC',
] as TimeZone[];

/** Zones whose name resembles what was typed, so a typo gets useful suggestions. */
export function suggestZones(typed: string, limit = 4): TimeZone[] {
  const needle = typed.trim().toLowerCase().replace(/[\s-]+/g, '_');
  const all = (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone');
  const part = needle.split('/').pop() ?? needle;
  const hits = part.length >= 3 ? all.filter((z) => z.toLowerCase().includes(part)) : [];
  const picked = hits.length > 0 ? hits : [...COMMON_ZONES];
  return picked.slice(0, limit) as TimeZone[];
}
