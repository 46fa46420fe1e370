import { DateTime, IANAZone } from 'luxon';
import { addDays, localDateOf, weekdayOf, type LocalDate, type TimeZone } from './local-date.js';
import { minutesOfDay, type TimeOfDay } from './time-of-day.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

function wallOf(ts: number, zone: TimeZone): { date: string; minutes: number } {
  const dt = DateTime.fromMillis(ts, { zone });
  return { date: dt.toISODate()!, minutes: dt.hour * 60 + dt.minute };
}

/**
 * The instant a local wall-clock time happens on a date, by an explicit rule: a time that
 * occurs twice (fall back) is the earlier instant; a time that does not exist (spring
 * forward) becomes the first valid instant after it — the moment the clocks jump.
 */
export function resolveLocalTime(date: LocalDate, time: TimeOfDay, zone: TimeZone): Date {
  const z = IANAZone.create(zone);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = minutesOfDay(time);
  const asUtc = Date.UTC(y, m - 1, d) + target * MINUTE;
  // Offsets in force around that day: at most two, since a zone changes offset at most once a day.
  const offsets = [...new Set([z.offset(asUtc - DAY), z.offset(asUtc), z.offset(asUtc + DAY)])];
  const exact = offsets.map((o) => asUtc - o * MINUTE)
    .filter((ts) => { const w = wallOf(ts, zone); return w.date === date && w.minutes === target; });
  if (exact.length > 0) return new Date(Math.min(...exact));
  // In a gap: the first instant after the jump shows a wall time later than the target.
  const before = Math.min(...offsets.map((o) => asUtc - o * MINUTE));
  let lo = before - 3 * 60 * MINUTE;
  let hi = before + 3 * 60 * MINUTE;
  const after = (ts: number) => { const w = wallOf(ts, zone); return w.date > date || (w.date === date && w.minutes >= target); };
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (after(mid)) hi = mid; else lo = mid;
  }
  return new Date(hi);
}

export interface PromptSchedule {
  zone: TimeZone;
  time: TimeOfDay;
  /** ISO weekdays, e.g. "1234567". */
  days: string;
}

export interface Occurrence {
  at: Date;
  localDate: LocalDate;
}

/**
 * The next prompt strictly after `after`, for a local date later than `lastPrompted`
 * (so a date is never prompted twice, whatever the clocks or the settings did).
 */
export function nextPrompt(s: PromptSchedule, after: Date, lastPrompted: LocalDate | null): Occurrence | null {
  if (s.days.length === 0) return null;
  let date = localDateOf(after, s.zone);
  if (lastPrompted && date <= lastPrompted) date = addDays(lastPrompted, 1);
  for (let i = 0; i < 9; i += 1, date = addDays(date, 1)) {
    if (!s.days.includes(String(weekdayOf(date)))) continue;
    const at = resolveLocalTime(date, s.time, s.zone);
    if (at > after) return { at, localDate: date };
  }
  return null;
}

/**
 * After a change of zone or prompt time: the next prompt under the new settings. If the
 * day that is still open was not yet prompted and its new time has already passed, the
 * prompt comes now rather than being lost.
 */
export function promptAfterChange(s: PromptSchedule, now: Date, lastPrompted: LocalDate | null, pendingDate: LocalDate | null): Occurrence | null {
  const next = nextPrompt(s, now, lastPrompted);
  const today = localDateOf(now, s.zone);
  // The pending prompt was owed for a day that is now today or already past (a zone change
  // across the date line): today is still open, so it is prompted now.
  const todayOpen = pendingDate !== null && pendingDate <= today && (lastPrompted === null || lastPrompted < today);
  if (todayOpen && s.days.includes(String(weekdayOf(today))) && (!next || next.localDate > today)) {
    return { at: now, localDate: today };
  }
  return next;
}

/**
 * When a prompted day counts as missed: `graceHours` after its prompt, but never before the
 * local day it is about has ended, so a person prompted at 07:00 (or 02:30) who checks in
 * that evening was never missing.
 */
export function graceDeadline(date: LocalDate, promptAt: Date, zone: TimeZone, graceHours: number): Date {
  const dayEnds = resolveLocalTime(addDays(date, 1), '00:00' as TimeOfDay, zone).getTime();
  return new Date(Math.max(promptAt.getTime() + graceHours * 60 * MINUTE, dayEnds));
}

/** The next weekly moment (e.g. Sunday 18:00 local) strictly after `after`. */
export function nextWeekly(zone: TimeZone, weekday: number, time: TimeOfDay, after: Date): Date {
  let date = localDateOf(after, zone);
  for (let i = 0; i < 9; i += 1, date = addDays(date, 1)) {
    if (weekdayOf(date) !== weekday) continue;
    const at = resolveLocalTime(date, time, zone);
    if (at > after) return at;
  }
  throw new Error('unreachable: a weekday recurs within 8 days');
}

/** When quiet hours covering `at` end (the instant), or null when `at` is not quiet. */
export function quietUntil(quiet: { start: TimeOfDay; end: TimeOfDay } | null, zone: TimeZone, at: Date): Date | null {
  if (!quiet) return null;
  const w = wallOf(at.getTime(), zone);
  const s = minutesOfDay(quiet.start);
  const e = minutesOfDay(quiet.end);
  const inside = s < e ? w.minutes >= s && w.minutes < e : w.minutes >= s || w.minutes < e;
  if (!inside) return null;
  const date = w.date as LocalDate;
  const endDate = s < e || w.minutes < e ? date : addDays(date, 1);
  return resolveLocalTime(endDate, quiet.end, zone);
}
