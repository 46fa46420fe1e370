import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, daysBetween, type LocalDate } from '../../src/domain/local-date.js';
import { checkinRate, checkinStreak, consecutiveDays, recoveryActionsStreak } from '../../src/domain/streaks.js';
import { dateFromDayNumber, localDateArb } from './arbitraries.js';

const d = (s: string) => s as LocalDate;
const TODAY = d('2024-03-31'); // Europe's DST change day, on purpose
const ago = (n: number) => addDays(TODAY, -n);

/** A today, and check-in dates mostly near it (so streaks form), some far away, some in the future. */
const historyArb = fc.integer({ min: 100, max: 19_000 }).chain((todayN) => fc.record({
  today: fc.constant(dateFromDayNumber(todayN)),
  dates: fc.array(
    fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: todayN - 12, max: todayN }) },
      { weight: 1, arbitrary: fc.integer({ min: todayN - 60, max: todayN + 5 }) },
    ).map(dateFromDayNumber),
    { maxLength: 40 },
  ),
  extra: fc.oneof(fc.integer({ min: todayN - 14, max: todayN + 2 }).map(dateFromDayNumber), localDateArb),
}));

describe('the check-in streak', () => {
  it('counts consecutive days ending today', () => {
    expect(checkinStreak([ago(0), ago(1), ago(2)], TODAY)).toEqual({ length: 3, start: ago(2) });
  });

  it('stays alive when the last check-in was yesterday: today is not over yet', () => {
    expect(checkinStreak([ago(1), ago(2)], TODAY)).toEqual({ length: 2, start: ago(2) });
  });

  it('is broken by a missed day', () => {
    expect(checkinStreak([ago(2), ago(3)], TODAY)).toEqual({ length: 0, start: null });
    expect(checkinStreak([ago(0), ago(2), ago(3)], TODAY)).toEqual({ length: 1, start: ago(0) });
  });

  it('is zero for someone who has never checked in', () => {
    expect(checkinStreak([], TODAY)).toEqual({ length: 0, start: null });
  });

  it('counts a day once even when it was checked in twice', () => {
    expect(checkinStreak([ago(0), ago(0), ago(1)], TODAY).length).toBe(2);
  });

  it('ignores check-ins dated after today', () => {
    expect(checkinStreak([addDays(TODAY, 1), ago(0)], TODAY).length).toBe(1);
    expect(checkinStreak([addDays(TODAY, 1)], TODAY).length).toBe(0);
  });

  it('runs across DST changes and month ends as plain calendar days', () => {
    const days = Array.from({ length: 40 }, (_, i) => ago(i));
    expect(checkinStreak(days, TODAY)).toEqual({ length: 40, start: ago(39) });
  });

  it('never goes down when a check-in is added, whatever its date', () => {
    fc.assert(fc.property(historyArb, ({ today, dates, extra }) => {
      const before = checkinStreak(dates, today).length;
      expect(checkinStreak([...dates, extra], today).length).toBeGreaterThanOrEqual(before);
    }));
  });

  it('is exactly the run of checked-in days ending today or yesterday', () => {
    fc.assert(fc.property(historyArb, ({ today, dates }) => {
      const set = new Set(dates);
      const { length, start } = consecutiveDays(set, today);
      if (length === 0) {
        expect(start).toBeNull();
        expect(set.has(today) || set.has(addDays(today, -1))).toBe(false);
        return;
      }
      const end = addDays(start!, length - 1);
      expect(end).toBe(set.has(today) ? today : addDays(today, -1));
      for (let i = 0; i < length; i += 1) expect(set.has(addDays(start!, i))).toBe(true);
      expect(set.has(addDays(start!, -1))).toBe(false);
    }));
  });
});

describe('the recovery-actions streak', () => {
  it('counts days with at least one healing action, like the check-in streak', () => {
    const days = [
      { localDate: ago(0), actions: 2 },
      { localDate: ago(1), actions: 1 },
      { localDate: ago(2), actions: 0 }, // a check-in without a healing action ends the run
      { localDate: ago(3), actions: 3 },
    ];
    expect(recoveryActionsStreak(days, TODAY)).toEqual({ length: 2, start: ago(1) });
  });

  it('stays alive until today is over', () => {
    expect(recoveryActionsStreak([{ localDate: ago(1), actions: 1 }], TODAY).length).toBe(1);
  });

  it('counts a day with actions even if another record of that day has none', () => {
    const days = [{ localDate: ago(0), actions: 0 }, { localDate: ago(0), actions: 1 }];
    expect(recoveryActionsStreak(days, TODAY).length).toBe(1);
  });

  it('never goes down when a check-in is added, whatever its date or number of actions', () => {
    const dayArb = (dates: LocalDate[]) => fc.array(fc.integer({ min: 0, max: 3 }), { minLength: dates.length, maxLength: dates.length })
      .map((actions) => dates.map((localDate, i) => ({ localDate, actions: actions[i]! })));
    fc.assert(fc.property(
      historyArb.chain((h) => fc.record({ h: fc.constant(h), days: dayArb(h.dates), extraActions: fc.integer({ min: 0, max: 3 }) })),
      ({ h, days, extraActions }) => {
        const before = recoveryActionsStreak(days, h.today).length;
        const after = recoveryActionsStreak([...days, { localDate: h.extra, actions: extraActions }], h.today).length;
        expect(after).toBeGreaterThanOrEqual(before);
      },
    ));
  });
});

describe('the check-in rate', () => {
  it('is measured over the last 30 days, today included', () => {
    const dates = Array.from({ length: 15 }, (_, i) => ago(i * 2));
    expect(checkinRate(dates, TODAY, d('2020-01-01'))).toEqual({ days: 30, checkedIn: 15, rate: 0.5 });
  });

  it('measures someone who has been here 3 days (joined the day before yesterday) over those 3 days, not 30', () => {
    expect(checkinRate([ago(2), ago(1), ago(0)], TODAY, ago(2))).toEqual({ days: 3, checkedIn: 3, rate: 1 });
    expect(checkinRate([ago(2), ago(0)], TODAY, ago(2))).toEqual({ days: 3, checkedIn: 2, rate: 2 / 3 });
  });

  it('counts the joining day itself: someone who joined 3 days ago has had 4 days to check in', () => {
    expect(checkinRate([ago(3), ago(2), ago(1), ago(0)], TODAY, ago(3))).toEqual({ days: 4, checkedIn: 4, rate: 1 });
  });

  it('never counts today as missed before it ends, nor yesterday while its deadline is ahead', () => {
    fc.assert(fc.property(historyArb, fc.integer({ min: 0, max: 90 }), fc.boolean(), ({ today, dates }, joinedAgo, yesterdayOpen) => {
      const joined = addDays(today, -joinedAgo);
      const openFrom = yesterdayOpen ? addDays(today, -1) : today;
      const past = dates.filter((x) => x !== today && x !== openFrom);
      const r = checkinRate(past, today, joined, 30, openFrom);
      const withToday = checkinRate([...past, today], today, joined, 30, openFrom);
      // A check-in today adds a day that counts, and a checked-in day; without it, today is not in the count at all.
      expect(withToday.days).toBe(r.days + 1);
      expect(withToday.checkedIn).toBe(r.checkedIn + 1);
      // Open days without a check-in are left out, so the rate the person sees never drops before a day has ended.
      const closed = checkinRate(past, today, joined, 30, addDays(openFrom, 1));
      expect(closed.days).toBeGreaterThanOrEqual(r.days);
    }));
  });

  it('counts only the weekdays the person is prompted on, unless they checked in anyway', () => {
    // Tuesday 10 March 2026; prompted Monday to Friday; joined on the Monday a week before.
    const today = d('2026-03-10');
    const r = checkinRate([d('2026-03-07'), d('2026-03-09')], today, d('2026-03-02'), 30, today, '12345');
    // Mon 2 – Fri 6 (5 weekdays), Sat 7 (checked in), Mon 9: 7 days, 2 with a check-in; today is still open.
    expect(r).toEqual({ days: 7, checkedIn: 2, rate: 2 / 7 });
  });

  it('gives someone who joined today a fair start', () => {
    expect(checkinRate([TODAY], TODAY, TODAY)).toEqual({ days: 1, checkedIn: 1, rate: 1 });
    expect(checkinRate([], TODAY, TODAY)).toEqual({ days: 0, checkedIn: 0, rate: 0 });
  });

  it('ignores duplicate dates, dates in the future and dates before the window', () => {
    const dates = [ago(0), ago(0), ago(1), ago(1), addDays(TODAY, 1), addDays(TODAY, 10), ago(30), ago(400)];
    expect(checkinRate(dates, TODAY, d('2020-01-01'))).toEqual({ days: 30, checkedIn: 2, rate: 2 / 30 });
  });

  it('stays between 0 and 1 and counts only the days the person has been here', () => {
    fc.assert(fc.property(historyArb, fc.integer({ min: 0, max: 90 }), ({ today, dates }, joinedAgo) => {
      const joined = addDays(today, -joinedAgo);
      const r = checkinRate(dates, today, joined);
      expect(r.rate).toBeGreaterThanOrEqual(0);
      expect(r.rate).toBeLessThanOrEqual(1);
      // Today counts once checked in: before it ends it is never a day without a check-in.
      const window = Math.min(30, joinedAgo + 1);
      expect(r.days).toBe(window - (dates.includes(today) ? 0 : 1));
      expect(r.checkedIn).toBe(new Set(dates.filter((x) => daysBetween(x, today) >= 0 && daysBetween(x, today) < window)).size);
    }));
  });

  it('does not change when a date is repeated or a future date is added', () => {
    fc.assert(fc.property(historyArb, fc.integer({ min: 1, max: 400 }), ({ today, dates, extra }, ahead) => {
      const joined = d('2000-01-01');
      const base = checkinRate(dates, today, joined);
      expect(checkinRate([...dates, ...dates], today, joined)).toEqual(base);
      expect(checkinRate([...dates, addDays(today, ahead)], today, joined)).toEqual(base);
      // And a date already counted changes nothing either.
      if (dates.includes(extra)) expect(checkinRate([...dates, extra], today, joined)).toEqual(base);
    }));
  });

  it('never goes down when a check-in is added', () => {
    fc.assert(fc.property(historyArb, ({ today, dates, extra }) => {
      const joined = addDays(today, -400);
      expect(checkinRate([...dates, extra], today, joined).rate).toBeGreaterThanOrEqual(checkinRate(dates, today, joined).rate);
    }));
  });

  it('never counts check-ins made before joining or later than today, even when joining is in the future', () => {
    fc.assert(fc.property(historyArb, fc.integer({ min: 1, max: 10 }), ({ today, dates }, n) => {
      const r = checkinRate(dates, today, addDays(today, n));
      expect(r.checkedIn).toBe(0);
      expect(r.rate).toBe(0);
    }));
  });
});
