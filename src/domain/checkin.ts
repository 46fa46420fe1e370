import type { LocalDate, TimeZone } from './local-date.js';

/** The three-circles answer of a person in recovery. */
export const RECOVERY_STATUSES = ['sober', 'middle', 'relapse'] as const;
export type RecoveryStatus = (typeof RECOVERY_STATUSES)[number];

export const MOODS = [1, 2, 3, 4, 5] as const;
export type Mood = (typeof MOODS)[number];

/** Healing work done today; outer-circle actions that feed the recovery-actions streak. */
export const HEALING_WORK = [
  'therapy', 'meeting', 'stepwork', 'selfcare', 'exercise', 'reachedout', 'journaling', 'prayer', 'boundaries',
] as const;
export type HealingWork = (typeof HEALING_WORK)[number];

export const HEALING_WORK_LABEL: Record<HealingWork, string> = {
  therapy: 'therapy',
  meeting: 'group meeting',
  stepwork: 'step work',
  selfcare: 'self-care',
  exercise: 'exercise',
  reachedout: 'reached out',
  journaling: 'journaling',
  prayer: 'prayer/meditation',
  boundaries: 'held my boundaries',
};

export const STATUS_LABEL: Record<RecoveryStatus, string> = {
  sober: 'sober, inside my boundaries',
  middle: 'a middle-circle day (slippery, not a relapse)',
  relapse: 'a relapse',
};

/** One record per person per local date; a second check-in that day replaces the first. */
export interface CheckIn {
  localDate: LocalDate;
  zone: TimeZone;
  /** Null for partners and supporters: their check-in is about their own healing, never a report. */
  status: RecoveryStatus | null;
  mood: Mood | null;
  feeling: string | null;
  healingWork: HealingWork[];
  /** "Do you feel safe today?" — asked of partners (their safety comes first); null when not answered. */
  safe: boolean | null;
  note: string | null;
  at: Date;
}
