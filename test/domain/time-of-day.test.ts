import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  isQuietAt,
  minutesOfDay,
  parseQuietHours,
  parseTimeOfDay,
  type QuietHours,
  type TimeOfDay,
} from '../../src/domain/time-of-day.js';

const pad = (n: number) => String(n).padStart(2, '0');
const t = (s: string) => s as TimeOfDay;
const quiet = (start: string, end: string): QuietHours => ({ start: t(start), end: t(end) });
const minute = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

const hourArb = fc.integer({ min: 0, max: 23 });
const minuteArb = fc.integer({ min: 0, max: 59 });
const timeArb = fc.tuple(hourArb, minuteArb).map(([h, m]) => `${pad(h)}:${pad(m)}` as TimeOfDay);
const CANONICAL = /^([01]\d|2[0-3]):[0-5]\d$/;

describe('reading a time of day', () => {
  it('accepts the documented forms and answers in HH:MM', () => {
    expect(parseTimeOfDay('20:00')).toBe('20:00');
    expect(parseTimeOfDay('8:30')).toBe('08:30');
    expect(parseTimeOfDay('2030')).toBe('20:30');
    expect(parseTimeOfDay('20.30')).toBe('20:30');
    expect(parseTimeOfDay('20h30')).toBe('20:30');
    expect(parseTimeOfDay('00:00')).toBe('00:00');
    expect(parseTimeOfDay('23:59')).toBe('23:59');
    expect(parseTimeOfDay('  07:05 ')).toBe('07:05');
  });

  it('refuses garbage, impossible hours and impossible minutes', () => {
    for (const text of ['25:00', '24:00', '', '   ', '12:60', '12:99', 'abc', '7', '20', '20:0', '2:3', '-1:00', '20:00pm', '20:00:00', '20 : 00', '٢٠:٠٠']) {
      expect(parseTimeOfDay(text), JSON.stringify(text)).toBeNull();
    }
  });

  it('reads every real time in every documented form as the same time', () => {
    fc.assert(fc.property(hourArb, minuteArb, (h, m) => {
      const expected = `${pad(h)}:${pad(m)}`;
      for (const form of [`${pad(h)}:${pad(m)}`, `${h}:${pad(m)}`, `${pad(h)}${pad(m)}`, `${pad(h)}.${pad(m)}`, `${h}h${pad(m)}`]) {
        expect(parseTimeOfDay(form), form).toBe(expected);
      }
    }));
  });

  it('refuses every hour from 24 on and every minute from 60 on', () => {
    fc.assert(fc.property(fc.integer({ min: 24, max: 99 }), minuteArb, (h, m) => {
      expect(parseTimeOfDay(`${h}:${pad(m)}`)).toBeNull();
    }));
    fc.assert(fc.property(hourArb, fc.integer({ min: 60, max: 99 }), (h, m) => {
      expect(parseTimeOfDay(`${pad(h)}:${m}`)).toBeNull();
    }));
  });

  it('never answers anything but a canonical time, which reads back as itself', () => {
    fc.assert(fc.property(fc.string({ maxLength: 8 }), (text) => {
      const parsed = parseTimeOfDay(text);
      if (parsed === null) return;
      expect(parsed).toMatch(CANONICAL);
      expect(parseTimeOfDay(parsed)).toBe(parsed);
    }), { numRuns: 300 });
  });

  it('counts minutes since midnight', () => {
    expect(minutesOfDay(t('00:00'))).toBe(0);
    expect(minutesOfDay(t('20:30'))).toBe(1230);
    expect(minutesOfDay(t('23:59'))).toBe(1439);
  });
});

describe('reading quiet hours', () => {
  it('accepts a range written with a hyphen, a dash or "to"', () => {
    expect(parseQuietHours('22:00-07:00')).toEqual(quiet('22:00', '07:00'));
    expect(parseQuietHours('22:00 - 07:00')).toEqual(quiet('22:00', '07:00'));
    expect(parseQuietHours('22:00–07:00')).toEqual(quiet('22:00', '07:00'));
    expect(parseQuietHours('22:00 to 7:00')).toEqual(quiet('22:00', '07:00'));
    expect(parseQuietHours('2200-0700')).toEqual(quiet('22:00', '07:00'));
    expect(parseQuietHours('13:00-14:30')).toEqual(quiet('13:00', '14:30'));
  });

  it('refuses half ranges, empty ranges, three times and garbage', () => {
    for (const text of ['', '22:00', '22:00-', '-07:00', '22:00-22:00', '22:00-07:00-08:00', 'abc-def', '25:00-07:00', '22:00-12:60', 'night']) {
      expect(parseQuietHours(text), JSON.stringify(text)).toBeNull();
    }
  });

  it('reads back any two different times written as a range', () => {
    fc.assert(fc.property(timeArb, timeArb, fc.constantFrom('-', ' - ', '–', ' to '), (start, end, sep) => {
      fc.pre(start !== end);
      expect(parseQuietHours(`${start}${sep}${end}`)).toEqual({ start, end });
    }));
  });
});

describe('being quiet', () => {
  it('is quiet through the night when the range wraps midnight', () => {
    const night = quiet('22:00', '07:00');
    expect(isQuietAt(night, minute('22:00'))).toBe(true); // start counts
    expect(isQuietAt(night, minute('23:59'))).toBe(true);
    expect(isQuietAt(night, minute('00:00'))).toBe(true);
    expect(isQuietAt(night, minute('03:00'))).toBe(true);
    expect(isQuietAt(night, minute('06:59'))).toBe(true);
    expect(isQuietAt(night, minute('07:00'))).toBe(false); // end does not
    expect(isQuietAt(night, minute('12:00'))).toBe(false);
    expect(isQuietAt(night, minute('21:59'))).toBe(false);
  });

  it('is quiet only inside a range within one day', () => {
    const nap = quiet('13:00', '14:30');
    expect(isQuietAt(nap, minute('12:59'))).toBe(false);
    expect(isQuietAt(nap, minute('13:00'))).toBe(true);
    expect(isQuietAt(nap, minute('14:29'))).toBe(true);
    expect(isQuietAt(nap, minute('14:30'))).toBe(false);
    expect(isQuietAt(nap, minute('00:00'))).toBe(false);
  });

  it('is quiet exactly on the minutes from start (inclusive) going forward round the clock to end (exclusive)', () => {
    fc.assert(fc.property(timeArb, timeArb, fc.integer({ min: 0, max: 1439 }), (start, end, m) => {
      fc.pre(start !== end);
      const s = minutesOfDay(start);
      const length = (minutesOfDay(end) - s + 1440) % 1440;
      expect(isQuietAt({ start, end }, m)).toBe((m - s + 1440) % 1440 < length);
    }));
  });

  it('turning a range around gives exactly the other minutes', () => {
    fc.assert(fc.property(timeArb, timeArb, fc.integer({ min: 0, max: 1439 }), (start, end, m) => {
      fc.pre(start !== end);
      expect(isQuietAt({ start: end, end: start }, m)).toBe(!isQuietAt({ start, end }, m));
    }));
  });
});
