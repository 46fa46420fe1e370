import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, type LocalDate } from '../../src/domain/local-date.js';
import {
  checkSobrietyDate,
  periodLength,
  sobrietyCounters,
  type SobrietyPeriod,
} from '../../src/domain/sobriety.js';
import { dateFromDayNumber } from './arbitraries.js';

const d = (s: string) => s as LocalDate;
const TODAY = d('2024-03-31');
const ago = (n: number) => addDays(TODAY, -n);

interface History {
  /** Closed periods, oldest first, then the current one (end = null). */
  periods: SobrietyPeriod[];
  currentStart: LocalDate;
  lastRelapse: LocalDate | null;
  /** A day on or after the current start. */
  today: LocalDate;
}

/**
 * A believable history: each relapse closes a period and opens the next on the same day,
 * and sometimes the person later set a sobriety date a few days after a relapse.
 */
const historyArb: fc.Arbitrary<History> = fc.record({
  first: fc.integer({ min: 0, max: 8000 }),
  closed: fc.array(fc.record({
    gap: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 30 }) }),
    length: fc.integer({ min: 0, max: 800 }),
  }), { maxLength: 6 }),
  currentGap: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 30 }) }),
  currentAge: fc.integer({ min: 0, max: 1500 }),
}).map(({ first, closed, currentGap, currentAge }) => {
  const periods: SobrietyPeriod[] = [];
  let day = first;
  for (const { gap, length } of closed) {
    day += gap;
    periods.push({ start: dateFromDayNumber(day), end: dateFromDayNumber(day + length) });
    day += length;
  }
  const lastRelapse = periods.length > 0 ? dateFromDayNumber(day) : null;
  const currentStart = dateFromDayNumber(day + (periods.length > 0 ? currentGap : 0));
  periods.push({ start: currentStart, end: null });
  return { periods, currentStart, lastRelapse, today: addDays(currentStart, currentAge) };
});

/** Record a relapse on `date`: the current period ends that day and a new one starts. */
function relapse(periods: readonly SobrietyPeriod[], date: LocalDate): SobrietyPeriod[] {
  return [...periods.map((p) => (p.end === null ? { ...p, end: date } : p)), { start: date, end: null }];
}

describe('the sobriety counters', () => {
  it('show nothing before a sobriety date is set', () => {
    expect(sobrietyCounters([], TODAY)).toEqual({ current: null, currentStart: null, longest: 0, total: 0, relapses: 0 });
  });

  it('count days since the sobriety date, starting at 0 on the day itself', () => {
    expect(sobrietyCounters([{ start: TODAY, end: null }], TODAY).current).toBe(0);
    expect(sobrietyCounters([{ start: ago(1), end: null }], TODAY).current).toBe(1);
    expect(sobrietyCounters([{ start: ago(90), end: null }], TODAY)).toEqual({
      current: 90, currentStart: ago(90), longest: 90, total: 90, relapses: 0,
    });
  });

  it('bring earlier sober time in when the sobriety date is backdated', () => {
    expect(sobrietyCounters([{ start: d('2023-03-31'), end: null }], TODAY).current).toBe(366);
  });

  it('count calendar days across DST changes, not 24-hour blocks', () => {
    expect(sobrietyCounters([{ start: d('2024-03-30'), end: null }], d('2024-04-01')).current).toBe(2);
  });

  it('after a relapse restart at 0 but still show the longest and total sober days', () => {
    const periods = relapse([{ start: d('2024-01-01'), end: null }], d('2024-03-01'));
    // The relapse day is day 0 of the new period; the one before ended on 29 February, at 59.
    expect(sobrietyCounters(periods, d('2024-03-01'))).toEqual({
      current: 0, currentStart: d('2024-03-01'), longest: 59, total: 59, relapses: 1,
    });
    expect(sobrietyCounters(periods, d('2024-03-11'))).toMatchObject({ current: 10, longest: 59, total: 69 });
  });

  it('the longest period is never more than its counter ever showed on one of its days', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 500 }), (k) => {
      const start = d('2024-01-01');
      const relapseDay = addDays(start, k);
      const shown: number[] = [];
      for (let day = start; day < relapseDay; day = addDays(day, 1)) shown.push(sobrietyCounters([{ start, end: null }], day).current!);
      const after = sobrietyCounters(relapse([{ start, end: null }], relapseDay), relapseDay);
      expect(after.longest).toBe(Math.max(0, ...shown));
      expect(after.total).toBe(Math.max(0, ...shown));
    }));
  });

  it('never count a period as negative', () => {
    expect(periodLength({ start: addDays(TODAY, 3), end: null }, TODAY)).toBe(0);
    expect(periodLength({ start: ago(3), end: ago(3) }, TODAY)).toBe(0);
  });

  it('a relapse resets the current count to 0 that day and keeps the longest and total of the day before', () => {
    fc.assert(fc.property(historyArb, fc.integer({ min: 1, max: 400 }), (h, daysAfterStart) => {
      const relapseDay = addDays(h.currentStart, daysAfterStart);
      const before = sobrietyCounters(h.periods, addDays(relapseDay, -1));
      const after = sobrietyCounters(relapse(h.periods, relapseDay), relapseDay);
      expect(after.current).toBe(0);
      expect(after.currentStart).toBe(relapseDay);
      expect(after.longest).toBe(before.longest);
      expect(after.total).toBe(before.total);
      expect(after.relapses).toBe(before.relapses + 1);
    }));
  });

  it('after a relapse, the longest and total never go down as the days pass', () => {
    fc.assert(fc.property(historyArb, fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }), (h, k, later) => {
      const relapseDay = addDays(h.currentStart, k);
      const periods = relapse(h.periods, relapseDay);
      const onTheDay = sobrietyCounters(periods, relapseDay);
      const then = sobrietyCounters(periods, addDays(relapseDay, later));
      expect(then.current).toBe(later);
      expect(then.longest).toBeGreaterThanOrEqual(onTheDay.longest);
      expect(then.total).toBe(onTheDay.total + later);
    }));
  });

  it('each new day adds one to the current count and the total, and never lowers the longest', () => {
    fc.assert(fc.property(historyArb, (h) => {
      const today = sobrietyCounters(h.periods, h.today);
      const tomorrow = sobrietyCounters(h.periods, addDays(h.today, 1));
      expect(tomorrow.current).toBe(today.current! + 1);
      expect(tomorrow.total).toBe(today.total + 1);
      expect(tomorrow.longest).toBeGreaterThanOrEqual(today.longest);
    }));
  });

  it('keep current ≤ longest ≤ total and count one relapse per closed period', () => {
    fc.assert(fc.property(historyArb, (h) => {
      const c = sobrietyCounters(h.periods, h.today);
      expect(c.current).not.toBeNull();
      expect(c.current!).toBeLessThanOrEqual(c.longest);
      expect(c.longest).toBeLessThanOrEqual(c.total);
      expect(c.currentStart).toBe(h.currentStart);
      expect(c.relapses).toBe(h.periods.length - 1);
    }));
  });
});

describe('setting a sobriety date', () => {
  const history: SobrietyPeriod[] = [
    { start: d('2023-06-01'), end: d('2024-01-15') },
    { start: d('2024-01-15'), end: null },
  ];

  it('refuses a date in the future', () => {
    expect(checkSobrietyDate(addDays(TODAY, 1), history, TODAY)).toEqual({ kind: 'in-future', today: TODAY });
    expect(checkSobrietyDate(addDays(TODAY, 1), [], TODAY)).toEqual({ kind: 'in-future', today: TODAY });
  });

  it('refuses a date before the last relapse, which would rewrite what the person told us', () => {
    expect(checkSobrietyDate(d('2024-01-14'), history, TODAY)).toEqual({ kind: 'before-last-relapse', lastRelapse: d('2024-01-15') });
    expect(checkSobrietyDate(d('2023-01-01'), history, TODAY)).toEqual({ kind: 'before-last-relapse', lastRelapse: d('2024-01-15') });
  });

  it('accepts today, the relapse day itself, and a backdated date after it', () => {
    expect(checkSobrietyDate(TODAY, history, TODAY)).toBeNull();
    expect(checkSobrietyDate(d('2024-01-15'), history, TODAY)).toBeNull();
    expect(checkSobrietyDate(d('2024-02-01'), history, TODAY)).toBeNull();
  });

  it('accepts any past date when there has never been a relapse', () => {
    expect(checkSobrietyDate(d('2015-05-05'), [], TODAY)).toBeNull();
    expect(checkSobrietyDate(d('2015-05-05'), [{ start: ago(10), end: null }], TODAY)).toBeNull();
  });

  it('judges against the latest relapse, whatever order the periods are stored in', () => {
    const shuffled = [history[1]!, { start: d('2022-01-01'), end: d('2023-06-01') }, history[0]!];
    expect(checkSobrietyDate(d('2024-01-01'), shuffled, TODAY)).toEqual({ kind: 'before-last-relapse', lastRelapse: d('2024-01-15') });
  });

  it('refuses every future date and every date before the last relapse, and accepts every day in between', () => {
    fc.assert(fc.property(historyArb, fc.integer({ min: -1500, max: 1500 }), (h, offset) => {
      const date = addDays(h.today, offset);
      const problem = checkSobrietyDate(date, h.periods, h.today);
      if (offset > 0) expect(problem).toEqual({ kind: 'in-future', today: h.today });
      else if (h.lastRelapse !== null && date < h.lastRelapse) expect(problem).toEqual({ kind: 'before-last-relapse', lastRelapse: h.lastRelapse });
      else expect(problem).toBeNull();
    }));
  });
});
