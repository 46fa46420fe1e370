import { DateTime } from 'luxon';
import type { LocalDate } from '../domain/local-date.js';

/** "Wed 25 Nov" — short, unambiguous across locales. */
export function shortDate(d: LocalDate): string {
  return DateTime.fromISO(d, { zone: 'UTC' }).toFormat('ccc d LLL');
}

export function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A value a person typed, shortened for echoing back in an error message. */
export function quoteInput(s: string, max = 40): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must not be echoed.
  const clean = s.replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ');
  const chars = [...clean];
  return `"${chars.length > max ? `${chars.slice(0, max).join('')}…` : clean}"`;
}
