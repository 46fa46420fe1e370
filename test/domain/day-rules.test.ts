// When a day counts: a prompted day is missed only after its deadline, and the deadline never
// falls before that local day has ended, in any zone, across DST; unanswered prompts slow down
// and any check-in brings them back. Wall times are read with Intl, not with the code under test.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { graceDeadline, resolveLocalTime } from '../../src/domain/due-time.js';
import { addDays, localDateOf, type LocalDate } from '../../src/domain/local-date.js';
import { BACK_OFF_AFTER, daysToNextPrompt, paceAfter, paceStartedBy, WEEKLY_AFTER } from '../../src/domain/prompt-pace.js';
import type { TimeOfDay } from '../../src/domain/time-of-day.js';
import { localDateArb, zoneArb } from './arbitraries.js';

const HOUR = 3_600_000;

const timeArb = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}` as TimeOfDay);

/** The local date of an instant, read with Intl directly. */
function dateIn(zone: string, at: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

describe('the deadline of a prompted day', () => {
  it('never falls before the local day it is about has ended, and never before the grace period has passed', () => {
    fc.assert(fc.property(localDateArb, timeArb, zoneArb, fc.integer({ min: 1, max: 23 }), (date, time, zone, graceHours) => {
      const promptAt = resolveLocalTime(date, time, zone);
      const deadline = graceDeadline(date, promptAt, zone, graceHours);
      // Just before the deadline, it is still that day or later: never earlier than its end.
      expect(dateIn(zone, new Date(deadline.getTime() - 1)) >= date).toBe(true);
      expect(dateIn(zone, deadline) > date).toBe(true);
      expect(deadline.getTime()).toBeGreaterThanOrEqual(promptAt.getTime() + graceHours * HOUR);
    }));
  });

  it('is exactly the later of "grace after the prompt" and "the day has ended"', () => {
    fc.assert(fc.property(localDateArb, timeArb, zoneArb, fc.integer({ min: 1, max: 23 }), (date, time, zone, graceHours) => {
      const promptAt = resolveLocalTime(date, time, zone);
      const deadline = graceDeadline(date, promptAt, zone, graceHours).getTime();
      const afterGrace = promptAt.getTime() + graceHours * HOUR;
      // The first instant of the next local day: the day before it is still `date`.
      const dayEnds = resolveLocalTime(addDays(date, 1), '00:00' as TimeOfDay, zone).getTime();
      expect(dateIn(zone, new Date(dayEnds - 1))).toBe(date);
      expect(deadline).toBe(Math.max(afterGrace, dayEnds));
    }));
  });

  it('with a 07:00 or 02:30 prompt and 12 hours of grace, a check-in that evening is still on time (Berlin, both DST days too)', () => {
    for (const date of ['2026-03-10', '2026-03-29', '2026-10-25'] as LocalDate[]) {
      for (const time of ['07:00', '02:30'] as TimeOfDay[]) {
        const promptAt = resolveLocalTime(date, time, 'Europe/Berlin' as never);
        const deadline = graceDeadline(date, promptAt, 'Europe/Berlin' as never, 12);
        const lateEvening = resolveLocalTime(date, '23:59' as TimeOfDay, 'Europe/Berlin' as never);
        expect(lateEvening < deadline).toBe(true);
        expect(localDateOf(deadline, 'Europe/Berlin' as never)).toBe(addDays(date, 1));
      }
    }
  });
});

describe('the pace of prompts nobody answers', () => {
  it('is daily for a week of unanswered prompts, then every other day, then weekly, and never speeds up while silence goes on', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 200 }), (n) => {
      const pace = paceAfter(n);
      expect(pace).toBe(n < BACK_OFF_AFTER ? 'daily' : n < WEEKLY_AFTER ? 'every-other-day' : 'weekly');
      expect(daysToNextPrompt(paceAfter(n + 1))).toBeGreaterThanOrEqual(daysToNextPrompt(pace));
    }));
  });

  it('says so once at each slowing, on the first prompt at the new pace, and any check-in (count 0) brings back the daily prompt', () => {
    const said = Array.from({ length: 40 }, (_, n) => paceStartedBy(n)).map((p, n) => (p ? [n, p] : null)).filter(Boolean);
    expect(said).toEqual([[BACK_OFF_AFTER, 'every-other-day'], [WEEKLY_AFTER, 'weekly']]);
    expect(paceAfter(0)).toBe('daily');
    expect(daysToNextPrompt('daily')).toBe(1);
  });
});
