// Local time done right: one prompt per scheduled local date, at the requested wall time or,
// where that time does not exist, at the moment the clocks jump; through DST changes, odd
// offsets and changes of zone or time. Wall times here are read with Intl directly, not
// through the code under test (which uses luxon).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextPrompt, nextWeekly, promptAfterChange, quietUntil, resolveLocalTime, type Occurrence, type PromptSchedule } from '../../src/domain/due-time.js';
import type { LocalDate, TimeZone } from '../../src/domain/local-date.js';
import type { TimeOfDay } from '../../src/domain/time-of-day.js';
import { ALL_ZONES } from '../domain/arbitraries.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** The zones the issue names, plus the domain tests' world tour. */
const NAMED_ZONES = [
  'Europe/Riga', 'America/New_York', 'Australia/Lord_Howe', 'America/Havana', 'Pacific/Chatham',
  'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Apia', 'UTC',
] as TimeZone[];
const ZONES = [...new Set([...NAMED_ZONES, ...ALL_ZONES])];

// ---- an independent reading of wall-clock time ----

const formats = new Map<string, Intl.DateTimeFormat>();
function formatFor(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formats.set(zone, f);
  }
  return f;
}

interface Wall {
  date: string;
  /** Milliseconds since local midnight. */
  ms: number;
}

function wall(instant: number, zone: string): Wall {
  const p = Object.fromEntries(formatFor(zone).formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  const wallMs = instant + (asUtc - Math.floor(instant / 1000) * 1000);
  return { date: new Date(wallMs).toISOString().slice(0, 10), ms: ((wallMs % DAY) + DAY) % DAY };
}

const cmpWall = (a: Wall, b: Wall) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.ms - b.ms);
const isoWeekday = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
const plusDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const targetMs = (time: string) => { const [h, m] = time.split(':').map(Number) as [number, number]; return (h * 60 + m) * MINUTE; };
const scheduled = (s: PromptSchedule, date: string) => s.days.includes(String(isoWeekday(date)));

/**
 * Why an instant is right for (date, time) in a zone, or what is wrong with it: either the
 * wall clock shows exactly that time and no earlier instant does (the earlier of a repeated
 * hour), or that time does not exist and the instant is the first one after the jump.
 */
function wrongInstant(at: number, date: string, time: string, zone: string): string | null {
  const target = { date, ms: targetMs(time) };
  const w = wall(at, zone);
  if (cmpWall(w, target) === 0) {
    // Offsets are multiples of 15 minutes, so a repeated wall time recurs a multiple of 15 minutes apart.
    for (let k = 1; k <= 16; k += 1) {
      if (cmpWall(wall(at - k * 15 * MINUTE, zone), target) === 0) return `an earlier instant, ${k * 15} min before, shows ${date} ${time} too`;
    }
    return null;
  }
  if (cmpWall(w, target) > 0 && cmpWall(wall(at - 1, zone), target) < 0) return null; // in the gap: the jump instant
  return `shows ${w.date} ${new Date(w.ms).toISOString().slice(11, 19)}, not ${date} ${time} (and is not the jump over it)`;
}

/** Whether the prompt for `date` had already come by `instant` (some instant up to it showed the time). */
function alreadyPassed(instant: number, date: string, time: string, zone: string): boolean {
  const target = { date, ms: targetMs(time) };
  for (let k = 0; k <= 4 * 60; k += 1) {
    const w = wall(instant - k * MINUTE, zone);
    if (w.date < date) return false;
    if (cmpWall(w, target) >= 0) return true;
  }
  return false;
}

// ---- generators ----

const hhmm = (h: number, m: number) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}` as TimeOfDay;
/** Any time, often one near the hours where clocks change (00:00–03:59) or at the day's edges. */
const timeArb: fc.Arbitrary<TimeOfDay> = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => hhmm(h, m)),
  fc.tuple(fc.integer({ min: 0, max: 3 }), fc.constantFrom(0, 1, 15, 29, 30, 44, 45, 59)).map(([h, m]) => hhmm(h, m)),
  fc.constantFrom('23:59', '00:00', '20:00') as fc.Arbitrary<TimeOfDay>,
);
const daysArb: fc.Arbitrary<string> = fc.oneof(
  fc.constant('1234567'),
  fc.subarray(['1', '2', '3', '4', '5', '6', '7'], { minLength: 1 }).map((d) => d.join('')),
);
const zoneArb = fc.constantFrom(...ZONES);
/** Instants from 2020 to 2035, often a few weeks before the months in which clocks change somewhere. */
const startArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 10, 1) }),
  fc.tuple(fc.integer({ min: 2020, max: 2035 }), fc.constantFrom(1, 2, 3, 8, 9, 10), fc.integer({ min: 0, max: 27 * DAY }))
    .map(([y, m, off]) => Date.UTC(y, m, 1) + off),
);
const scheduleArb = (zones: fc.Arbitrary<TimeZone>) =>
  fc.record({ zone: zones, time: timeArb, days: daysArb }) as fc.Arbitrary<PromptSchedule>;

/** nextPrompt iterated the way the scheduler does: each prompt's date becomes `lastPrompted`. */
function occurrences(s: PromptSchedule, from: number, until: number): Occurrence[] {
  const out: Occurrence[] = [];
  let after = new Date(from);
  let last: LocalDate | null = null;
  for (;;) {
    const o = nextPrompt(s, after, last);
    if (!o || o.at.getTime() > until) return out;
    out.push(o);
    after = o.at;
    last = o.localDate;
  }
}

describe('nextPrompt over many zones and years', () => {
  it('gives exactly one prompt per scheduled local date, in order, each at the wall time or the jump over it', () => {
    fc.assert(fc.property(scheduleArb(zoneArb), startArb, (s, start) => {
      const from = start - 2 * DAY;
      const until = start + 60 * DAY;
      const all = occurrences(s, from, until);
      expect(all.length).toBeGreaterThan(0);
      for (const [i, o] of all.entries()) {
        const at = o.at.getTime();
        expect(wrongInstant(at, o.localDate, s.time, s.zone), `${o.localDate} ${s.time} ${s.zone} → ${o.at.toISOString()}`).toBeNull();
        expect(scheduled(s, o.localDate)).toBe(true);
        const prev = all[i - 1];
        if (prev) {
          expect(at).toBeGreaterThan(prev.at.getTime());
          // The next scheduled date after the previous one: none skipped, none repeated.
          let d = plusDays(prev.localDate, 1);
          while (!scheduled(s, d)) d = plusDays(d, 1);
          expect(o.localDate).toBe(d);
        }
      }
      // The first is the first scheduled date whose prompt had not yet come at `from`.
      let first = wall(from, s.zone).date;
      while (!scheduled(s, first) || alreadyPassed(from, first, s.time, s.zone)) first = plusDays(first, 1);
      expect(all[0]!.localDate).toBe(first);
      // Starting later gives the same prompts from then on: where the scheduler starts does not matter.
      expect(occurrences(s, start, until)).toEqual(all.filter((o) => o.at.getTime() > start));
    }), { numRuns: 150 });
  });
});

describe('DST fixtures', () => {
  // Each instant is checked against Intl first, so the fixture says what it claims.
  const cases: { zone: string; date: string; time: string; expected: string; why: string }[] = [
    { zone: 'Europe/Riga', date: '2021-03-28', time: '03:00', expected: '2021-03-28T01:00:00.000Z', why: 'gap 03:00→04:00: fires at 04:00 local' },
    { zone: 'Europe/Riga', date: '2021-03-28', time: '03:30', expected: '2021-03-28T01:00:00.000Z', why: 'gap 03:00→04:00: fires at 04:00 local' },
    { zone: 'Europe/Riga', date: '2021-10-31', time: '03:00', expected: '2021-10-31T00:00:00.000Z', why: 'overlap: the earlier 03:00 (EEST)' },
    { zone: 'Europe/Riga', date: '2021-10-31', time: '03:30', expected: '2021-10-31T00:30:00.000Z', why: 'overlap: the earlier 03:30 (EEST)' },
    { zone: 'America/New_York', date: '2021-03-14', time: '02:30', expected: '2021-03-14T07:00:00.000Z', why: 'gap 02:00→03:00: fires at 03:00 EDT' },
    { zone: 'America/New_York', date: '2021-11-07', time: '01:30', expected: '2021-11-07T05:30:00.000Z', why: 'overlap: the earlier 01:30 (EDT)' },
    { zone: 'Australia/Lord_Howe', date: '2021-10-03', time: '02:15', expected: '2021-10-02T15:30:00.000Z', why: '30-minute gap 02:00→02:30: fires at 02:30' },
    { zone: 'Australia/Lord_Howe', date: '2021-04-04', time: '01:45', expected: '2021-04-03T14:45:00.000Z', why: '30-minute overlap: the earlier 01:45 (+11)' },
    { zone: 'America/Havana', date: '2021-03-14', time: '00:30', expected: '2021-03-14T05:00:00.000Z', why: 'midnight gap 00:00→01:00: fires at 01:00' },
    { zone: 'Pacific/Chatham', date: '2021-09-26', time: '02:50', expected: '2021-09-25T14:00:00.000Z', why: 'gap 02:45→03:45: fires at 03:45' },
  ];

  it.each(cases)('$zone $date $time → $expected ($why)', ({ zone, date, time, expected }) => {
    expect(wrongInstant(Date.parse(expected), date, time, zone)).toBeNull();
    expect(resolveLocalTime(date as LocalDate, time as TimeOfDay, zone as TimeZone).toISOString()).toBe(expected);
  });

  it.each(cases)('$zone: a daily $time prompt comes once on $date, at $expected', ({ zone, date, time, expected }) => {
    const s: PromptSchedule = { zone: zone as TimeZone, time: time as TimeOfDay, days: '1234567' };
    const around = occurrences(s, Date.parse(`${date}T00:00:00Z`) - 3 * DAY, Date.parse(`${date}T00:00:00Z`) + 3 * DAY);
    const onThatDay = around.filter((o) => o.localDate === date);
    expect(onThatDay.map((o) => o.at.toISOString())).toEqual([expected]);
    expect(new Set(around.map((o) => o.localDate)).size).toBe(around.length);
  });

  it('a 20:00 prompt stays at 20:00 local across both of Riga\'s changes in 2021', () => {
    const s: PromptSchedule = { zone: 'Europe/Riga' as TimeZone, time: '20:00' as TimeOfDay, days: '1234567' };
    const got = occurrences(s, Date.UTC(2021, 2, 26), Date.UTC(2021, 2, 30)).map((o) => o.at.toISOString());
    expect(got).toEqual(['2021-03-26T18:00:00.000Z', '2021-03-27T18:00:00.000Z', '2021-03-28T17:00:00.000Z', '2021-03-29T17:00:00.000Z']);
    const autumn = occurrences(s, Date.UTC(2021, 9, 30), Date.UTC(2021, 10, 1, 12)).map((o) => o.at.toISOString());
    expect(autumn).toEqual(['2021-10-30T17:00:00.000Z', '2021-10-31T18:00:00.000Z']);
  });
});

// ---- changing zone, time or days ----

interface Fired {
  at: number;
  date: LocalDate;
  segment: number;
}

interface Change {
  at: number;
  schedule: PromptSchedule;
}

/**
 * The scheduler's prompt state, driven the way tick.ts and reschedule() drive it: a due
 * prompt fires and the next one is computed with its date as `lastPrompted`; a change of
 * settings recomputes the next prompt with promptAfterChange.
 */
function run(first: PromptSchedule, start: number, changes: Change[], horizon: number) {
  let s = first;
  let next: Occurrence | null = promptAfterChange(s, new Date(start), null, null);
  let last: LocalDate | null = null;
  const fired: Fired[] = [];
  const before: { last: LocalDate | null; pending: LocalDate | null }[] = [];
  const fireUntil = (t: number, segment: number) => {
    while (next && next.at.getTime() <= t) {
      fired.push({ at: next.at.getTime(), date: next.localDate, segment });
      last = next.localDate;
      next = nextPrompt(s, next.at, next.localDate);
    }
  };
  changes.forEach((c, i) => {
    fireUntil(c.at, i);
    before.push({ last, pending: next?.localDate ?? null });
    s = c.schedule;
    next = promptAfterChange(s, new Date(c.at), last, next?.localDate ?? null);
  });
  fireUntil(horizon, changes.length);
  return { fired, before };
}

/**
 * What a person should get after changing their settings at `c`: nothing for a date already
 * prompted; today (in the new zone) if it is a prompt day under the new settings and either
 * its new time is still ahead or its prompt was still owed under the old settings (then it
 * comes now); every later prompt day at its new time.
 */
function expectedAfterChange(old: PromptSchedule, neu: PromptSchedule, c: number, last: LocalDate | null, until: number) {
  const today = wall(c, neu.zone).date;
  const out: { date: string; at: number }[] = [];
  if (scheduled(neu, today) && (last === null || today > last)) {
    const atNew = resolveLocalTime(today as LocalDate, neu.time, neu.zone).getTime();
    const owed = scheduled(old, today) && resolveLocalTime(today as LocalDate, old.time, old.zone).getTime() > c;
    if (atNew > c) {
      if (atNew <= until) out.push({ date: today, at: atNew });
    } else if (owed) {
      out.push({ date: today, at: c });
    }
  }
  for (let d = plusDays(today, 1); ; d = plusDays(d, 1)) {
    if (!scheduled(neu, d) || (last !== null && d <= last)) continue;
    const at = resolveLocalTime(d as LocalDate, neu.time, neu.zone).getTime();
    if (at > until) return out;
    out.push({ date: d, at });
  }
}

/** Zones whose offsets never differ by a day or more (see the date-line case below). */
const changeZoneArb = fc.constantFrom(...NAMED_ZONES, ...(['Europe/Berlin', 'Asia/Kolkata', 'America/Los_Angeles', 'Pacific/Auckland'] as TimeZone[]));

describe('changing time zone, prompt time or days', () => {
  it('never gives two prompts for one local date and never skips a date that was still open', () => {
    // What one command changes: /timezone the zone, /schedule the time (and perhaps the days).
    const changeArb = fc.record({
      gap: fc.integer({ min: 1, max: 5 * DAY }),
      set: fc.oneof(
        fc.record({ zone: changeZoneArb }),
        fc.record({ time: timeArb }),
        fc.record({ days: daysArb }),
        fc.record({ time: timeArb, days: daysArb }),
      ) as fc.Arbitrary<{ zone?: TimeZone; time?: TimeOfDay; days?: string }>,
    });
    fc.assert(fc.property(scheduleArb(changeZoneArb), startArb, fc.array(changeArb, { minLength: 1, maxLength: 3 }), (s0, start, raw) => {
      let t = start;
      let s = s0;
      const changes: Change[] = raw.map((r) => {
        t += r.gap;
        s = { ...s, ...r.set };
        return { at: t, schedule: s };
      });
      const horizon = t + 10 * DAY;
      const { fired, before } = run(s0, start, changes, horizon);

      // Never two prompts for one local date: dates only move forward.
      for (let i = 1; i < fired.length; i += 1) {
        expect(fired[i]!.date > fired[i - 1]!.date, `${fired[i - 1]!.date} then ${fired[i]!.date}`).toBe(true);
        expect(fired[i]!.at).toBeGreaterThanOrEqual(fired[i - 1]!.at);
      }
      // After each change: exactly what the rule says, up to the next change.
      changes.forEach((c, i) => {
        const old = i === 0 ? s0 : changes[i - 1]!.schedule;
        const end = changes[i + 1]?.at ?? horizon;
        const got = fired.filter((f) => f.segment === i + 1).map((f) => ({ date: f.date as string, at: f.at }));
        expect(got, `change ${i + 1} at ${new Date(c.at).toISOString()}`).toEqual(expectedAfterChange(old, c.schedule, c.at, before[i]!.last, end));
      });
    }), { numRuns: 200 });
  });

  it('moving the prompt earlier than now, before today\'s prompt came, prompts now and once', () => {
    const riga = 'Europe/Riga' as TimeZone;
    const old: PromptSchedule = { zone: riga, time: '20:00' as TimeOfDay, days: '1234567' };
    const now = new Date('2026-03-10T17:00:00Z'); // 19:00 in Riga
    const pending = nextPrompt(old, now, '2026-03-09' as LocalDate)!;
    expect(pending.localDate).toBe('2026-03-10');
    const moved = promptAfterChange({ ...old, time: '18:00' as TimeOfDay }, now, '2026-03-09' as LocalDate, pending.localDate);
    expect(moved).toEqual({ at: now, localDate: '2026-03-10' });
    // After today's prompt came, moving it again does not bring a second one today.
    const again = promptAfterChange({ ...old, time: '21:00' as TimeOfDay }, now, '2026-03-10' as LocalDate, '2026-03-11' as LocalDate);
    expect(again?.localDate).toBe('2026-03-11');
  });

  it('moving across the date line by more than a day keeps today\'s prompt when it was still owed', () => {
    // Pago Pago (UTC−11) 06:30 on the 10th; the 07:00 prompt for the 10th is still to come.
    const now = new Date('2026-03-10T17:30:00Z');
    const old: PromptSchedule = { zone: 'Pacific/Pago_Pago' as TimeZone, time: '07:00' as TimeOfDay, days: '1234567' };
    const pending = nextPrompt(old, now, '2026-03-09' as LocalDate)!;
    expect(pending).toEqual({ at: new Date('2026-03-10T18:00:00Z'), localDate: '2026-03-10' });
    // In Kiritimati (UTC+14) it is already 07:30 on the 11th: the 11th is open and was owed, its 07:00 has passed.
    const moved = promptAfterChange({ ...old, zone: 'Pacific/Kiritimati' as TimeZone }, now, '2026-03-09' as LocalDate, pending.localDate);
    expect(moved).toEqual({ at: now, localDate: '2026-03-11' });
  });
});

describe('weekly moments and quiet hours', () => {
  it('nextWeekly is the next Sunday 18:00 local, strictly after, in any zone', () => {
    fc.assert(fc.property(zoneArb, startArb, (zone, start) => {
      const at = nextWeekly(zone, 7, '18:00' as TimeOfDay, new Date(start)).getTime();
      expect(at).toBeGreaterThan(start);
      const w = wall(at, zone);
      expect(isoWeekday(w.date)).toBe(7);
      expect(wrongInstant(at, w.date, '18:00', zone)).toBeNull();
      // No Sunday 18:00 lies between: a week earlier it had already come.
      expect(at - start).toBeLessThanOrEqual(7 * DAY + 2 * 3_600_000);
      expect(alreadyPassed(start, plusDays(w.date, -7), '18:00', zone)).toBe(true);
    }), { numRuns: 200 });
  });

  it('quietUntil is the end of the quiet hours covering an instant, and null outside them', () => {
    const quiet = { start: '22:00' as TimeOfDay, end: '07:00' as TimeOfDay };
    fc.assert(fc.property(zoneArb, startArb, (zone, start) => {
      const until = quietUntil(quiet, zone, new Date(start));
      const w = wall(start, zone);
      const inside = w.ms >= targetMs('22:00') || w.ms < targetMs('07:00');
      expect(until !== null).toBe(inside);
      if (until) {
        const u = until.getTime();
        expect(u).toBeGreaterThan(start);
        expect(u - start).toBeLessThanOrEqual(9 * 3_600_000 + 3_600_000);
        const end = wall(u, zone);
        expect(wrongInstant(u, end.date, '07:00', zone)).toBeNull();
      }
    }), { numRuns: 200 });
  });
});
