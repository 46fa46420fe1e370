/**
 * Picks one encouragement for a person: fitting their role and situation, not a
 * recent repeat, deterministic given `random`. Pure: no clock, no I/O.
 */
import type { Role } from '../domain/roles.js';
import { ENCOURAGEMENTS, type Encouragement, type Situation } from './encouragement.js';

export const DEFAULT_AVOID_LAST = 10;

/**
 * Where to look, in order, when a role has no message for a situation. The search
 * never leaves the role: a partner or supporter asked about 'after-relapse' or
 * 'middle-circle' (which they never have) gets their own 'hard-day' messages, never
 * a recovery-only one. After this chain comes the role's 'good-day', then the
 * 'group' messages, which are written to suit everyone.
 */
const FALLBACK: Readonly<Record<Situation, readonly Situation[]>> = {
  'good-day': [],
  'hard-day': ['low-mood'],
  'middle-circle': ['hard-day'],
  'after-relapse': ['hard-day', 'low-mood'],
  'missed-days': [],
  milestone: [],
  'low-mood': ['hard-day'],
  group: [],
};

function tagged(role: Role, situation: Situation, library: readonly Encouragement[]): Encouragement[] {
  return library.filter((e) => e.roles.includes(role) && e.situations.includes(situation));
}

/**
 * The messages `chooseEncouragement` picks from: those tagged with both the role and
 * the situation, else the first non-empty step of the role's fallback chain.
 * Every returned message is tagged with `role`, except in the last resort for
 * 'group', where any group message is used (group messages suit every role).
 */
export function encouragementCandidates(
  role: Role,
  situation: Situation,
  library: readonly Encouragement[] = ENCOURAGEMENTS,
): readonly Encouragement[] {
  const chain: Situation[] =
    situation === 'group' ? ['group'] : [situation, ...FALLBACK[situation], 'good-day', 'group'];
  for (const s of chain) {
    const found = tagged(role, s, library);
    if (found.length > 0) return found;
  }
  return library.filter((e) => e.situations.includes('group'));
}

function pickIndex(random: () => number, length: number): number {
  const r = random();
  if (!Number.isFinite(r)) return 0;
  return Math.min(length - 1, Math.max(0, Math.floor(r * length)));
}

/**
 * Chooses one encouragement.
 *
 * - Candidates: see `encouragementCandidates`.
 * - Never returns one of the last `avoidLast` ids in `recentlySeen` (most recent
 *   first) while another candidate exists; candidates never seen at all are
 *   preferred over ones seen longer ago.
 * - When every candidate was seen within the last `avoidLast`, returns the one
 *   seen least recently.
 * - Deterministic for a given `random` (called at most once).
 */
export function chooseEncouragement(args: {
  role: Role;
  situation: Situation;
  recentlySeen: readonly string[];
  random: () => number;
  avoidLast?: number;
  /** `encouragementCandidates(role, situation)`, when the caller has them already. */
  candidates?: readonly Encouragement[];
}): Encouragement {
  const { role, situation, recentlySeen, random } = args;
  const raw = args.avoidLast ?? DEFAULT_AVOID_LAST;
  const avoidLast = Number.isNaN(raw) ? DEFAULT_AVOID_LAST : Math.max(0, Math.floor(raw));

  const candidates = args.candidates ?? encouragementCandidates(role, situation);
  const first = candidates[0];
  if (first === undefined) throw new Error('encouragement library has no group messages');

  // Most recent position of each id (index 0 = just seen).
  const lastSeenAt = new Map<string, number>();
  recentlySeen.forEach((id, i) => {
    if (!lastSeenAt.has(id)) lastSeenAt.set(id, i);
  });

  const neverSeen = candidates.filter((c) => !lastSeenAt.has(c.id));
  const notRecent = candidates.filter((c) => (lastSeenAt.get(c.id) ?? Infinity) >= avoidLast);
  const pool = neverSeen.length > 0 ? neverSeen : notRecent;
  if (pool.length > 0) return pool[pickIndex(random, pool.length)] ?? first;

  // All seen recently: the least recently seen one (largest position).
  let best = first;
  let bestAt = lastSeenAt.get(first.id) ?? Infinity;
  for (const c of candidates) {
    const at = lastSeenAt.get(c.id) ?? Infinity;
    if (at > bestAt) {
      best = c;
      bestAt = at;
    }
  }
  return best;
}
