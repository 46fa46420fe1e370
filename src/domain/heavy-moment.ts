/**
 * A heavy moment: something a person said that calls for a crisis reply of its own,
 * before anything else. Three kinds, each with its own help:
 * - self-harm: thoughts of suicide or self-harm (and, without words, a very low moment of
 *   someone not in recovery: the same crisis lines are for any deep distress);
 * - urge: a strong urge or a relapse, for a person in recovery;
 * - safety: not being safe from another person (domestic violence, threats).
 */
import { quietUntil } from './due-time.js';
import { localDateOf, type TimeZone } from './local-date.js';
import type { Role } from './roles.js';
import type { QuietHours, TimeOfDay } from './time-of-day.js';

export const HEAVY_KINDS = ['self-harm', 'urge', 'safety'] as const;
export type HeavyKind = (typeof HEAVY_KINDS)[number];

/** How sure a reading of words is: clear brings the crisis reply, unsure only a gentle question. */
export type Certainty = 'clear' | 'unsure';

/** What showed the moment; the reply acknowledges exactly this, in plain words. */
export type HeavyTrigger =
  /** Crisis words in something the person wrote (never quoted back). */
  | 'words'
  /** A mood of 1 in a check-in. */
  | 'mood'
  /** "No" to "Do you feel safe today?". */
  | 'not-safe'
  /** The person used /sos. */
  | 'sos'
  /** The person answered a gentle check with "I'm not okay". */
  | 'not-okay';

export interface HeavyMoment {
  kind: HeavyKind;
  trigger: HeavyTrigger;
}

export function isHeavyKind(s: string): s is HeavyKind {
  return (HEAVY_KINDS as readonly string[]).includes(s);
}

/**
 * The kind of a moment that came without words (a very low mood, /sos): for a person in
 * recovery, urge and relapse support fits their role; for anyone else, the crisis lines.
 */
export function kindWithoutWords(role: Role | null): HeavyKind {
  return role === 'recovery' ? 'urge' : 'self-harm';
}

/**
 * A very low mood on its own says deep distress, not an urge: the crisis lines fit it. Only
 * with a slip (a relapse or the middle circle) does urge and relapse support fit better.
 */
function lowMoodKind(role: Role | null, status: CheckinSignals['status']): HeavyKind {
  return role === 'recovery' && (status === 'relapse' || status === 'middle') ? 'urge' : 'self-harm';
}

/** What a check-in answer says, as far as heavy moments go. */
export interface CheckinSignals {
  /** The mood just given, and the one recorded before today's call. */
  mood: number | null;
  moodBefore: number | null;
  safe: boolean | null;
  safeBefore: boolean | null;
  /** Crisis words in a note that this call changed (null: none, or the note did not change). */
  noteWords: { kind: HeavyKind; certainty: Certainty } | null;
  /** The day's answer by the person's own circles (in recovery), if given. */
  status?: 'sober' | 'middle' | 'relapse' | null;
}

/**
 * Whether a check-in answer is a heavy moment. Each signal counts when it is given, not
 * again on every later tap of the same day's check-in. Clear words come first (they say the
 * most), then "not safe", then the mood. Unsure words alone are not a moment: the caller
 * asks gently instead.
 */
export function heavyMomentInCheckin(s: CheckinSignals, role: Role | null): HeavyMoment | null {
  if (s.noteWords?.certainty === 'clear') return { kind: s.noteWords.kind, trigger: 'words' };
  if (s.safe === false && s.safeBefore !== false) return { kind: 'safety', trigger: 'not-safe' };
  if (s.mood === 1 && s.moodBefore !== 1) return { kind: lowMoodKind(role, s.status ?? null), trigger: 'mood' };
  return null;
}

const HOUR = 3_600_000;
/** Without quiet hours of their own, nobody is checked on in the night. */
const NIGHT: QuietHours = { start: '22:00' as TimeOfDay, end: '08:00' as TimeOfDay };

/**
 * When to check on someone who asked for it "later today": in about three hours, else two,
 * else one — the first that is still their own day and outside their quiet hours (or the
 * night). Null when none is (late in their day): then no offer is made.
 */
export function checkOnTime(now: Date, zone: TimeZone, quiet: QuietHours | null): Date | null {
  const today = localDateOf(now, zone);
  for (const hours of [3, 2, 1]) {
    const at = new Date(now.getTime() + hours * HOUR);
    if (localDateOf(at, zone) === today && quietUntil(quiet ?? NIGHT, zone, at) === null) return at;
  }
  return null;
}
