/**
 * What an end-of-day roll call may tell a group. It names the members who agreed to be named
 * and checked in. It never lets anyone infer whether a member who did not agree checked in:
 * not from the names, not by comparing a count with them, and not even for a fellow member
 * who knows their own answer. So the number who checked in is shown only when at least two
 * unnamed members checked in and at least two did not; then every unnamed member could be
 * either, whoever reads it. With fewer than four unnamed members there is never a count.
 */
export interface RollCallMember {
  name: string;
  /** Agreed to be named in this group's roll call. */
  named: boolean;
  checkedIn: boolean;
}

export interface RollCall {
  /** Members who agreed to be named and checked in, in the order given. */
  names: string[];
  /** How many members checked in, when that singles no one out; otherwise null. */
  count: number | null;
}

/** The fewest unnamed members on each side (checked in, not) for a count to be safe to show. */
export const HIDDEN_AMONG = 2;

export function rollCall(members: readonly RollCallMember[]): RollCall {
  const names = members.filter((m) => m.named && m.checkedIn).map((m) => m.name);
  const unnamed = members.filter((m) => !m.named);
  const unnamedIn = unnamed.filter((m) => m.checkedIn).length;
  const safe = unnamedIn >= HIDDEN_AMONG && unnamed.length - unnamedIn >= HIDDEN_AMONG;
  return { names, count: safe ? names.length + unnamedIn : null };
}
