import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  describeDays,
  milestonesDue,
  nextSobrietyMilestone,
  nextStreakMilestone,
  sobrietyMilestonesUpTo,
  STREAK_MILESTONES,
  streakMilestonesUpTo,
} from '../../src/domain/milestones.js';

const FIXED = [1, 3, 7, 14, 30, 60, 90, 180, 270, 365];
const daysArb = fc.integer({ min: 0, max: 20_000 });

function expectIncreasing(list: readonly number[]): void {
  for (let i = 1; i < list.length; i += 1) expect(list[i]!).toBeGreaterThan(list[i - 1]!);
}

describe('sobriety milestones', () => {
  it('are 1, 3, 7, 14, 30, 60, 90, 180, 270 and 365 days, then every year', () => {
    expect(sobrietyMilestonesUpTo(0)).toEqual([]);
    expect(sobrietyMilestonesUpTo(1)).toEqual([1]);
    expect(sobrietyMilestonesUpTo(29)).toEqual([1, 3, 7, 14]);
    expect(sobrietyMilestonesUpTo(365)).toEqual(FIXED);
    expect(sobrietyMilestonesUpTo(729)).toEqual(FIXED);
    expect(sobrietyMilestonesUpTo(1095)).toEqual([...FIXED, 730, 1095]);
  });

  it('name the next one to look forward to', () => {
    expect(nextSobrietyMilestone(0)).toBe(1);
    expect(nextSobrietyMilestone(1)).toBe(3);
    expect(nextSobrietyMilestone(364)).toBe(365);
    expect(nextSobrietyMilestone(365)).toBe(730);
    expect(nextSobrietyMilestone(800)).toBe(1095);
  });

  it('always come in increasing order, with every fixed one reached and then each whole year', () => {
    fc.assert(fc.property(daysArb, (days) => {
      const list = sobrietyMilestonesUpTo(days);
      expectIncreasing(list);
      for (const m of list) expect(m).toBeLessThanOrEqual(days);
      expect(list.filter((m) => m <= 365)).toEqual(FIXED.filter((m) => m <= days));
      const years = list.filter((m) => m > 365);
      expect(years).toEqual(Array.from({ length: Math.max(0, Math.floor(days / 365) - 1) }, (_, i) => (i + 2) * 365));
    }));
  });

  it('always name a next milestone later than today, and none is skipped on the way to it', () => {
    fc.assert(fc.property(daysArb, (days) => {
      const next = nextSobrietyMilestone(days);
      expect(next).toBeGreaterThan(days);
      expect(sobrietyMilestonesUpTo(next - 1)).toEqual(sobrietyMilestonesUpTo(days));
      expect(sobrietyMilestonesUpTo(next)).toEqual([...sobrietyMilestonesUpTo(days), next]);
    }));
  });
});

describe('check-in streak milestones', () => {
  it('are 7, 30, 100 and 365 days', () => {
    expect(STREAK_MILESTONES).toEqual([7, 30, 100, 365]);
    expect(streakMilestonesUpTo(6)).toEqual([]);
    expect(streakMilestonesUpTo(100)).toEqual([7, 30, 100]);
    expect(streakMilestonesUpTo(5000)).toEqual([7, 30, 100, 365]);
  });

  it('name the next one, and none after a year', () => {
    expect(nextStreakMilestone(0)).toBe(7);
    expect(nextStreakMilestone(7)).toBe(30);
    expect(nextStreakMilestone(364)).toBe(365);
    expect(nextStreakMilestone(365)).toBeNull();
  });

  it('are increasing and the next one is later than today with none skipped', () => {
    fc.assert(fc.property(daysArb, (days) => {
      const list = streakMilestonesUpTo(days);
      expectIncreasing(list);
      for (const m of list) expect(m).toBeLessThanOrEqual(days);
      const next = nextStreakMilestone(days);
      if (next === null) {
        expect(list).toEqual([...STREAK_MILESTONES]);
      } else {
        expect(next).toBeGreaterThan(days);
        expect(streakMilestonesUpTo(next - 1)).toEqual(list);
      }
    }));
  });
});

describe('celebrating milestones', () => {
  it('celebrates the one just reached', () => {
    expect(milestonesDue([1, 3, 7], new Set([1, 3]))).toEqual({ celebrate: 7, markQuietly: [] });
  });

  it('celebrates only the largest when a backdated date reaches several at once, and marks the rest quietly', () => {
    expect(milestonesDue(sobrietyMilestonesUpTo(100), new Set())).toEqual({ celebrate: 90, markQuietly: [1, 3, 7, 14, 30, 60] });
  });

  it('celebrates a milestone listed twice once, and does not also mark it quietly', () => {
    expect(milestonesDue([7, 30, 30, 7], new Set())).toEqual({ celebrate: 30, markQuietly: [7] });
  });

  it('celebrates nothing when everything reached is already marked', () => {
    expect(milestonesDue([1, 3], new Set([1, 3]))).toEqual({ celebrate: null, markQuietly: [] });
    expect(milestonesDue([], new Set())).toEqual({ celebrate: null, markQuietly: [] });
  });

  // Mostly real milestone values, so lists overlap and repeat as merged lists from callers would.
  const milestoneArb = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...FIXED, 730, 1095, ...STREAK_MILESTONES) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 5000 }) },
  );
  const dueArb = fc.record({
    reached: fc.array(milestoneArb, { maxLength: 20 }),
    marked: fc.array(milestoneArb, { maxLength: 20 }),
  }).chain(({ reached, marked }) => fc.record({
    reached: fc.constant(reached),
    // Often mark some of what was reached, so "already celebrated" is really exercised.
    marked: fc.subarray(reached).map((some) => new Set([...some, ...marked])),
  }));

  it('celebrates at most one, the largest not yet marked, and never one already marked', () => {
    fc.assert(fc.property(dueArb, ({ reached, marked }) => {
      const { celebrate, markQuietly } = milestonesDue(reached, marked);
      const fresh = [...new Set(reached.filter((m) => !marked.has(m)))];
      if (fresh.length === 0) {
        expect(celebrate).toBeNull();
        expect(markQuietly).toEqual([]);
        return;
      }
      expect(celebrate).toBe(Math.max(...fresh));
      expect(marked.has(celebrate!)).toBe(false);
      for (const m of markQuietly) expect(marked.has(m)).toBe(false);
      expect(markQuietly).not.toContain(celebrate);
      expect(new Set([celebrate!, ...markQuietly])).toEqual(new Set(fresh));
    }));
  });

  it('has nothing left to celebrate once everything it returned is marked', () => {
    fc.assert(fc.property(dueArb, ({ reached, marked }) => {
      const { celebrate, markQuietly } = milestonesDue(reached, marked);
      const nowMarked = new Set([...marked, ...markQuietly, ...(celebrate === null ? [] : [celebrate])]);
      expect(milestonesDue(reached, nowMarked)).toEqual({ celebrate: null, markQuietly: [] });
    }));
  });

  it('celebrates each sobriety milestone at most once, in increasing order, as the days go by', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 400 }),
      fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 60 }),
      (backdatedTo, steps) => {
        const marked = new Set<number>();
        const celebrated: number[] = [];
        let days = backdatedTo;
        for (const step of [0, ...steps]) {
          days += step;
          const { celebrate, markQuietly } = milestonesDue(sobrietyMilestonesUpTo(days), marked);
          for (const m of markQuietly) marked.add(m);
          if (celebrate !== null) {
            celebrated.push(celebrate);
            marked.add(celebrate);
          }
        }
        expectIncreasing(celebrated);
        expect([...marked].sort((a, b) => a - b)).toEqual(sobrietyMilestonesUpTo(days));
      },
    ));
  });
});

describe('describing a number of days', () => {
  it('speaks in days, and in years on whole years', () => {
    expect(describeDays(0)).toBe('0 days');
    expect(describeDays(1)).toBe('1 day');
    expect(describeDays(2)).toBe('2 days');
    expect(describeDays(364)).toBe('364 days');
    expect(describeDays(365)).toBe('1 year');
    expect(describeDays(366)).toBe('366 days');
    expect(describeDays(730)).toBe('2 years');
    expect(describeDays(3650)).toBe('10 years');
  });
});
