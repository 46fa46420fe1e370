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

const DAY_MS = 86_400_000;
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The local calendar date of an instant in a zone (the platform's own tz database, one formatter per zone). */
export function localDateOf(instant: Date, zone: TimeZone): LocalDate {
  let f = dayFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(zone, f);
  }
  let y = '';
  let m = '';
  let d = '';
  for (const p of f.formatToParts(instant)) {
    if (p.type === 'year') y = p.value;
    else if (p.type === 'month') m = p.value;
    else if (p.type === 'day') d = p.value;
  }
  return `${y.padStart(4, '0')}-${m}-${d}` as LocalDate;
}

/** Days since 1970-01-01 of a calendar date: plain arithmetic on dates, no hours, no zones. */
function dayNumber(date: LocalDate): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

function fromDayNumber(n: number): LocalDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10) as LocalDate;
}

/** Calendar arithmetic on dates only: no hours, so DST can never move a day. */
export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** ISO weekday, Monday = 1 … Sunday = 7. */
export function weekdayOf(date: LocalDate): number {
  return ((new Date(dayNumber(date) * DAY_MS).getUTCDay() + 6) % 7) + 1;
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

// Node's list leaves out UTC itself, which many people choose.
const ALL_ZONES: readonly string[] = ['UTC', ...(Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone')];

/** Zones for what was typed so far (a form that completes as the person types): names starting with it first, then containing it. */
export function completeZone(typed: string, max = 25): TimeZone[] {
  const needle = typed.trim().toLowerCase().replace(/[\s-]+/g, '_');
  const picked = needle === ''
    ? [...COMMON_ZONES]
    : [
      ...ALL_ZONES.filter((z) => z.toLowerCase().startsWith(needle) || (z.split('/').pop() ?? '').toLowerCase().startsWith(needle)),
      ...ALL_ZONES.filter((z) => z.toLowerCase().includes(needle)),
    ];
  return [...new Set(picked)].slice(0, max) as TimeZone[];
}

/** Zones whose name resembles what was typed, so a typo gets useful suggestions. */
export function suggestZones(typed: string, limit = 4): TimeZone[] {
  const needle = typed.trim().toLowerCase().replace(/[\s-]+/g, '_');
  const part = needle.split('/').pop() ?? needle;
  const hits = part.length >= 3 ? ALL_ZONES.filter((z) => z.toLowerCase().includes(part)) : [];
  const picked = hits.length > 0 ? hits : [...COMMON_ZONES];
  return picked.slice(0, limit) as TimeZone[];
}
