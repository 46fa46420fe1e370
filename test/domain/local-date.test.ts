import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import {
  addDays,
  compareDates,
  daysBetween,
  isTimeZone,
  localDateOf,
  parseLocalDate,
  suggestZones,
  weekdayOf,
  COMMON_ZONES,
  type LocalDate,
  type TimeZone,
} from '../../src/domain/local-date.js';
import {
  ALL_ZONES,
  WORLD_ZONES,
  dateFromDayNumber,
  dayNumberOf,
  instantArb,
  localDateArb,
  zoneArb,
} from './arbitraries.js';

const HOUR_MS = 3_600_000;
const d = (s: string) => s as LocalDate;
const z = (s: string) => s as TimeZone;

function isoDate(year: number, month: number, day: number): LocalDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` as LocalDate;
}

/** The date the wall clock shows in `zone`, by Intl alone, as an independent referee for luxon. */
const intlFormats = new Map<string, Intl.DateTimeFormat>();
function intlLocalDate(instant: Date, zone: string): string {
  let f = intlFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    intlFormats.set(zone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * Local dates in `zone` on which the offset changes (DST days, 23 or 25 hours long, or 23.5 on
 * Lord Howe): each month whose offset moved is bisected down to the millisecond of the change.
 */
function dstTransitionDays(zone: TimeZone, fromYear: number, toYear: number): LocalDate[] {
  const tz = IANAZone.create(zone);
  const found: LocalDate[] = [];
  for (let year = fromYear; year <= toYear; year += 1) {
    for (let month = 0; month < 12; month += 1) {
      let lo = Date.UTC(year, month, 1);
      let hi = Date.UTC(year, month + 1, 1);
      const before = tz.offset(lo);
      if (before === tz.offset(hi)) continue;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (tz.offset(mid) === before) lo = mid;
        else hi = mid;
      }
      found.push(localDateOf(new Date(hi), zone));
    }
  }
  return found;
}

/**
 * The first instant of a local date. luxon's `fromObject`/`startOf('day')` may pick the later
 * of two midnights when clocks fall back at 01:00 → 00:00 (America/Havana), so take the earliest.
 */
function localDayStart(date: LocalDate, zone: TimeZone): DateTime {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return earliestOf(DateTime.fromObject({ year, month, day }, { zone }));
}

/** Of the instants a wall time may name (two in a fall-back overlap), the earliest; the latest below. */
function earliestOf(dt: DateTime): DateTime {
  return dt.getPossibleOffsets().reduce((a, b) => (b.toMillis() < a.toMillis() ? b : a), dt);
}
function latestOf(dt: DateTime): DateTime {
  return dt.getPossibleOffsets().reduce((a, b) => (b.toMillis() > a.toMillis() ? b : a), dt);
}

describe('time zones', () => {
  it('recognises real IANA zone names, from UTC−12 to UTC+14', () => {
    for (const zone of ALL_ZONES) expect(isTimeZone(zone)).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
  });

  it('refuses names that are not zones', () => {
    for (const name of ['', 'Mars/Olympus_Mons', 'Europe/Berln', 'x'.repeat(65), 'not a zone']) {
      expect(isTimeZone(name)).toBe(false);
    }
  });

  it('suggests the zone a person meant when they type a city', () => {
    expect(suggestZones('berlin')).toContain('Europe/Berlin');
    expect(suggestZones('new york')).toContain('America/New_York');
    expect(suggestZones('Sao-Paulo')).toContain('America/Sao_Paulo');
  });

  it('offers common zones when nothing resembles what was typed, and never more than asked', () => {
    expect(suggestZones('zz')).toEqual(COMMON_ZONES.slice(0, 4));
    expect(suggestZones('qqqqq', 2)).toHaveLength(2);
    expect(suggestZones('america', 3)).toHaveLength(3);
  });
});

describe('calendar dates', () => {
  it('accepts real dates written YYYY-MM-DD', () => {
    expect(parseLocalDate('2024-02-29')).toBe('2024-02-29');
    expect(parseLocalDate('2035-12-31')).toBe('2035-12-31');
  });

  it('refuses dates that do not exist or are written another way', () => {
    for (const text of ['2023-02-29', '2024-13-01', '2024-04-31', '2024-1-1', '20240101', 'yesterday', '', '2024-01-01T00:00']) {
      expect(parseLocalDate(text)).toBeNull();
    }
  });

  it('reads back every real date it is given', () => {
    fc.assert(fc.property(localDateArb, (date) => {
      expect(parseLocalDate(date)).toBe(date);
    }));
  });

  it('names weekdays Monday = 1 to Sunday = 7', () => {
    expect(weekdayOf(d('2024-01-01'))).toBe(1);
    expect(weekdayOf(d('2024-03-31'))).toBe(7);
    fc.assert(fc.property(localDateArb, (date) => {
      const jsDay = new Date(`${date}T00:00:00Z`).getUTCDay();
      expect(weekdayOf(date)).toBe(jsDay === 0 ? 7 : jsDay);
    }));
  });

  it('orders dates as the calendar does', () => {
    fc.assert(fc.property(localDateArb, localDateArb, (a, b) => {
      expect(compareDates(a, b)).toBe(Math.sign(dayNumberOf(a) - dayNumberOf(b)));
    }));
  });
});

describe('counting calendar days', () => {
  it('steps one calendar day over every DST change, never 23 or 25 hours', () => {
    expect(addDays(d('2024-03-30'), 1)).toBe('2024-03-31'); // Europe springs forward on the 31st
    expect(addDays(d('2024-03-31'), 1)).toBe('2024-04-01');
    expect(addDays(d('2024-03-10'), 1)).toBe('2024-03-11'); // United States
    expect(addDays(d('2024-11-03'), -1)).toBe('2024-11-02');
    expect(addDays(d('2024-10-27'), 1)).toBe('2024-10-28');
    expect(daysBetween(d('2024-03-30'), d('2024-04-01'))).toBe(2);
    expect(daysBetween(d('2024-10-26'), d('2024-10-28'))).toBe(2);
  });

  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays(d('2024-02-28'), 1)).toBe('2024-02-29');
    expect(addDays(d('2023-02-28'), 1)).toBe('2023-03-01');
    expect(addDays(d('2024-12-31'), 1)).toBe('2025-01-01');
    expect(daysBetween(d('2024-01-01'), d('2025-01-01'))).toBe(366);
    expect(daysBetween(d('2025-01-01'), d('2024-01-01'))).toBe(-366);
  });

  it('adding n days then counting the days between gives n back, and n days back returns to the start', () => {
    fc.assert(fc.property(localDateArb, fc.integer({ min: -5000, max: 5000 }), (date, n) => {
      const later = addDays(date, n);
      expect(daysBetween(date, later)).toBe(n);
      expect(addDays(later, -n)).toBe(date);
    }));
  });

  it('counting the days between two dates and adding them lands on the second date', () => {
    fc.assert(fc.property(localDateArb, localDateArb, (a, b) => {
      expect(addDays(a, daysBetween(a, b))).toBe(b);
      expect(daysBetween(b, a) + daysBetween(a, b)).toBe(0);
    }));
  });

  it('adds whole calendar days, exactly as a wall calendar does', () => {
    fc.assert(fc.property(localDateArb, fc.integer({ min: -3000, max: 3000 }), (date, n) => {
      expect(addDays(date, n)).toBe(dateFromDayNumber(dayNumberOf(date) + n));
    }));
  });

  it('keeps a date a date in every zone: the next local day is one calendar day on, whatever the DST', () => {
    fc.assert(fc.property(zoneArb, instantArb, (zone, instant) => {
      const next = DateTime.fromJSDate(instant, { zone }).plus({ days: 1 }).toJSDate();
      expect(localDateOf(next, zone)).toBe(addDays(localDateOf(instant, zone), 1));
    }));
  });
});

describe('the local date of a moment', () => {
  it('puts a moment on the date the person’s wall clock shows', () => {
    expect(localDateOf(new Date('2024-01-01T04:59:59.999Z'), z('America/New_York'))).toBe('2023-12-31');
    expect(localDateOf(new Date('2024-01-01T05:00:00.000Z'), z('America/New_York'))).toBe('2024-01-01');
    expect(localDateOf(new Date('2024-01-01T09:59:59.999Z'), z('Pacific/Kiritimati'))).toBe('2024-01-01');
    expect(localDateOf(new Date('2024-01-01T10:00:00.000Z'), z('Pacific/Kiritimati'))).toBe('2024-01-02');
    expect(localDateOf(new Date('2024-01-01T11:59:59.999Z'), z('Etc/GMT+12'))).toBe('2023-12-31');
    expect(localDateOf(new Date('2024-01-01T12:00:00.000Z'), z('Etc/GMT+12'))).toBe('2024-01-01');
    expect(localDateOf(new Date('2024-01-01T18:14:59.999Z'), z('Asia/Kathmandu'))).toBe('2024-01-01');
    expect(localDateOf(new Date('2024-01-01T18:15:00.000Z'), z('Asia/Kathmandu'))).toBe('2024-01-02');
  });

  it('agrees with the platform’s own calendar (Intl) in every zone', () => {
    fc.assert(fc.property(zoneArb, instantArb, (zone, instant) => {
      expect(localDateOf(instant, zone)).toBe(intlLocalDate(instant, zone));
    }));
  });

  it('never goes backwards as time moves on in one zone', () => {
    fc.assert(fc.property(
      zoneArb,
      fc.uniqueArray(instantArb.map((t) => t.getTime()), { minLength: 2, maxLength: 30 }),
      (zone, times) => {
        const dates = [...times].sort((a, b) => a - b).map((t) => localDateOf(new Date(t), zone));
        for (let i = 1; i < dates.length; i += 1) expect(dates[i]! >= dates[i - 1]!).toBe(true);
      },
    ));
  });

  /** The instants with `instant`'s local date form one stretch [start, end) of 23 to 25 hours. */
  function expectOneStretch(zone: TimeZone, instant: Date, fraction: number): void {
    const date = localDateOf(instant, zone);
    const start = earliestOf(DateTime.fromJSDate(instant, { zone }).startOf('day'));
    const end = earliestOf(start.plus({ days: 1 }).startOf('day'));
    const length = end.toMillis() - start.toMillis();
    const where = `${zone} ${date}`;
    expect(length, where).toBeGreaterThanOrEqual(23 * HOUR_MS);
    expect(length, where).toBeLessThanOrEqual(25 * HOUR_MS);
    expect(start.toMillis(), where).toBeLessThanOrEqual(instant.getTime());
    expect(instant.getTime(), where).toBeLessThan(end.toMillis());
    expect(localDateOf(start.toJSDate(), zone), where).toBe(date);
    expect(localDateOf(new Date(end.toMillis() - 1), zone), where).toBe(date);
    expect(localDateOf(new Date(start.toMillis() - 1), zone), where).toBe(addDays(date, -1));
    expect(localDateOf(end.toJSDate(), zone), where).toBe(addDays(date, 1));
    const inside = start.toMillis() + Math.min(length - 1, Math.floor(fraction * length));
    expect(localDateOf(new Date(inside), zone), where).toBe(date);
  }

  it('gives each local day one unbroken stretch of 23 to 25 hours, so no date is counted twice or dropped', () => {
    fc.assert(fc.property(zoneArb, instantArb, fc.double({ min: 0, max: 1, noNaN: true }), (zone, instant, fraction) => {
      expectOneStretch(zone, instant, fraction);
    }));
  });

  it('gives every DST change day, 2020–2035, one unbroken stretch too', () => {
    for (const zone of ALL_ZONES) {
      for (const date of dstTransitionDays(zone, 2020, 2035)) {
        const start = localDayStart(date, zone).toMillis();
        for (const hours of [0.5, 2.5, 22.9]) expectOneStretch(zone, new Date(start + hours * HOUR_MS), 0.5);
      }
    }
  });

  it('keeps the same moment within two calendar days across all zones (offsets span 26 hours)', () => {
    fc.assert(fc.property(zoneArb, zoneArb, instantArb, (a, b, instant) => {
      expect(Math.abs(daysBetween(localDateOf(instant, a), localDateOf(instant, b)))).toBeLessThanOrEqual(2);
    }));
  });
});

describe('a check-in near midnight', () => {
  /** The last millisecond of `date` and the first of the next day, by the wall clock in `zone`. */
  function expectMidnightLandsRight(zone: TimeZone, year: number, month: number, day: number): void {
    const date = isoDate(year, month, day);
    const following = new Date(Date.UTC(year, month - 1, day + 1));
    const nextDate = following.toISOString().slice(0, 10);
    const lastMoment = latestOf(DateTime.fromObject({ year, month, day, hour: 23, minute: 59, second: 59, millisecond: 999 }, { zone }));
    const midnight = earliestOf(DateTime.fromObject({
      year: following.getUTCFullYear(), month: following.getUTCMonth() + 1, day: following.getUTCDate(),
      hour: 0, minute: 0, second: 0, millisecond: 0,
    }, { zone }));
    expect(localDateOf(lastMoment.toJSDate(), zone), `${zone} ${date} 23:59:59.999`).toBe(date);
    expect(localDateOf(midnight.toJSDate(), zone), `${zone} ${nextDate} 00:00`).toBe(nextDate);
    expect(localDateOf(new Date(midnight.toMillis() - 1), zone), `${zone} just before ${nextDate}`).toBe(date);
    // Where both wall times exist, they are one millisecond apart: no time falls between days.
    if (lastMoment.hour === 23 && midnight.hour === 0) expect(midnight.toMillis() - lastMoment.toMillis()).toBe(1);
  }

  const midnightCase = fc.record({
    zone: fc.constantFrom(...ALL_ZONES),
    year: fc.integer({ min: 2020, max: 2035 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
  }).map((c) => ({ ...c, day: Math.min(c.day, new Date(Date.UTC(c.year, c.month, 0)).getUTCDate()) }));

  it('lands on the right local date in zones from UTC−12 to UTC+14, 2020–2035', () => {
    fc.assert(fc.property(midnightCase, ({ zone, year, month, day }) => {
      expectMidnightLandsRight(zone, year, month, day);
    }), { numRuns: 300 });
  });

  it('lands on the right local date on every DST change day itself, 2020–2035', () => {
    let changes = 0;
    for (const zone of ALL_ZONES) {
      for (const date of dstTransitionDays(zone, 2020, 2035)) {
        changes += 1;
        for (const around of [addDays(date, -1), date]) {
          const [y, m, dd] = around.split('-').map(Number) as [number, number, number];
          expectMidnightLandsRight(zone, y, m, dd);
        }
      }
    }
    // Sanity: Europe alone changes twice a year, so the scan found the changes it should.
    expect(dstTransitionDays(z('Europe/Berlin'), 2020, 2035)).toHaveLength(32);
    expect(dstTransitionDays(z('Asia/Kolkata'), 2020, 2035)).toHaveLength(0);
    expect(changes).toBeGreaterThan(300);
  });

  it('puts moments just before local midnight on that day and just after it on the next', () => {
    fc.assert(fc.property(
      midnightCase,
      fc.integer({ min: 1, max: 3 * HOUR_MS }),
      ({ zone, year, month, day }, ms) => {
        const date = isoDate(year, month, day);
        const midnight = localDayStart(date, zone);
        expect(localDateOf(new Date(midnight.toMillis() + ms - 1), zone)).toBe(date);
        expect(localDateOf(new Date(midnight.toMillis() - ms), zone)).toBe(addDays(date, -1));
      },
    ), { numRuns: 300 });
  });

  it('handles named DST edges: Berlin, New York, Lord Howe’s half hour, Chatham, Santiago at midnight', () => {
    // Berlin springs forward 2024-03-31 02:00 → 03:00; a check-in at 23:30 the night before is the 30th.
    expect(localDateOf(new Date('2024-03-30T22:30:00Z'), z('Europe/Berlin'))).toBe('2024-03-30');
    expect(localDateOf(new Date('2024-03-30T23:00:00Z'), z('Europe/Berlin'))).toBe('2024-03-31');
    // New York falls back 2024-11-03; 23:59 on the 3rd is already EST.
    expect(localDateOf(new Date('2024-11-04T04:59:59.999Z'), z('America/New_York'))).toBe('2024-11-03');
    expect(localDateOf(new Date('2024-11-04T05:00:00.000Z'), z('America/New_York'))).toBe('2024-11-04');
    // Lord Howe (UTC+10:30 / +11): 2024-10-06 is 23.5 hours long.
    expect(localDateOf(new Date('2024-10-05T13:29:59.999Z'), z('Australia/Lord_Howe'))).toBe('2024-10-05');
    expect(localDateOf(new Date('2024-10-05T13:30:00.000Z'), z('Australia/Lord_Howe'))).toBe('2024-10-06');
    // Chatham (UTC+12:45 / +13:45).
    expect(localDateOf(new Date('2024-06-30T11:14:59.999Z'), z('Pacific/Chatham'))).toBe('2024-06-30');
    expect(localDateOf(new Date('2024-06-30T11:15:00.000Z'), z('Pacific/Chatham'))).toBe('2024-07-01');
    // Santiago skips 00:00–01:00 on 2024-09-08: the day starts at 01:00 and is still the 8th.
    expect(localDateOf(new Date('2024-09-08T03:59:59.999Z'), z('America/Santiago'))).toBe('2024-09-07');
    expect(localDateOf(new Date('2024-09-08T04:00:00.000Z'), z('America/Santiago'))).toBe('2024-09-08');
  });
});

// Every zone in the brief's list, so a typo in the list cannot silently shrink the test.
it('tests every zone from UTC−12 to UTC+14 that the brief lists', () => {
  expect(WORLD_ZONES).toHaveLength(18);
  for (const zone of WORLD_ZONES) expect(isTimeZone(zone)).toBe(true);
});
