/** A wall-clock time `HH:MM`, 24-hour, in the person's zone. */
export type TimeOfDay = string & { readonly __brand: 'TimeOfDay' };

const HHMM = /^([01]?\d|2[0-3])[:.h]?([0-5]\d)$/;

/** Accepts `20:00`, `8:30`, `2030`, `20.30`; returns the canonical `HH:MM` or null. */
export function parseTimeOfDay(text: string): TimeOfDay | null {
  const m = HHMM.exec(text.trim());
  if (!m) return null;
  return `${m[1]!.padStart(2, '0')}:${m[2]}` as TimeOfDay;
}

export function minutesOfDay(t: TimeOfDay): number {
  const [h, m] = t.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** Quiet hours, e.g. 22:00-07:00; may wrap past midnight. */
export interface QuietHours {
  start: TimeOfDay;
  end: TimeOfDay;
}

export function parseQuietHours(text: string): QuietHours | null {
  const parts = text.trim().split(/\s*(?:-|–|to)\s*/);
  if (parts.length !== 2) return null;
  const start = parseTimeOfDay(parts[0]!);
  const end = parseTimeOfDay(parts[1]!);
  if (!start || !end || start === end) return null;
  return { start, end };
}

/** Whether a local wall-clock minute falls inside quiet hours (start inclusive, end exclusive). */
export function isQuietAt(quiet: QuietHours, minuteOfDay: number): boolean {
  const s = minutesOfDay(quiet.start);
  const e = minutesOfDay(quiet.end);
  return s < e ? minuteOfDay >= s && minuteOfDay < e : minuteOfDay >= s || minuteOfDay < e;
}
