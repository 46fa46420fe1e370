/** Sobriety milestones in days: the fixed list, then every further year. */
const SOBRIETY_FIXED = [1, 3, 7, 14, 30, 60, 90, 180, 270, 365] as const;
export const STREAK_MILESTONES = [7, 30, 100, 365] as const;

export type MilestoneKind = 'sobriety' | 'streak';

export interface Milestone {
  kind: MilestoneKind;
  days: number;
}

/** Every sobriety milestone up to and including `days`. */
export function sobrietyMilestonesUpTo(days: number): number[] {
  const out: number[] = SOBRIETY_FIXED.filter((m) => m <= days);
  for (let year = 2; year * 365 <= days; year += 1) out.push(year * 365);
  return out;
}

export function nextSobrietyMilestone(days: number): number {
  const fixed = SOBRIETY_FIXED.find((m) => m > days);
  if (fixed !== undefined) return fixed;
  return (Math.floor(days / 365) + 1) * 365;
}

export function streakMilestonesUpTo(days: number): number[] {
  return STREAK_MILESTONES.filter((m) => m <= days);
}

export function nextStreakMilestone(days: number): number | null {
  return STREAK_MILESTONES.find((m) => m > days) ?? null;
}

/**
 * Which milestones to celebrate now. When several were reached at once (a backdated
 * sobriety date, say), only the largest is celebrated; the rest are recorded as
 * passed so none is ever celebrated later out of order.
 */
export function milestonesDue(
  reached: readonly number[],
  alreadyMarked: ReadonlySet<number>,
): { celebrate: number | null; markQuietly: number[] } {
  // Deduplicated, so a milestone listed twice is never both celebrated and marked quietly.
  const fresh = [...new Set(reached)].filter((d) => !alreadyMarked.has(d)).sort((a, b) => a - b);
  if (fresh.length === 0) return { celebrate: null, markQuietly: [] };
  return { celebrate: fresh[fresh.length - 1]!, markQuietly: fresh.slice(0, -1) };
}

export function describeDays(days: number): string {
  if (days > 0 && days % 365 === 0) {
    const years = days / 365;
    return years === 1 ? '1 year' : `${years} years`;
  }
  return days === 1 ? '1 day' : `${days} days`;
}
