import type { Config } from '../config.js';
import type { HeavyKind } from '../domain/heavy-moment.js';
import type { Role } from '../domain/roles.js';
import { crisisDetector, type CrisisDetector } from '../domain/words/crisis-detector.js';
import { BUILT_IN_CRISIS_PHRASES } from '../domain/words/crisis-list.js';

/**
 * An admin's own help for a heavy moment, when they wrote one: the most specific text set
 * wins — the kind's (CRISIS_TEXT_SELF_HARM, _URGE, _SAFETY), then the role's
 * (CRISIS_TEXT_RECOVERY, _PARTNER, _SUPPORTER), then CRISIS_TEXT. Null: the built-in help,
 * with the lines of CRISIS_REGION first.
 */
export function ownCrisisText(config: Config, kind: HeavyKind, role: Role | null): string | null {
  const t = config.crisisText;
  const byKind = kind === 'self-harm' ? t.selfHarm : kind === 'urge' ? t.urge : t.safety;
  return byKind ?? (role ? t[role] : undefined) ?? t.generic ?? null;
}

const detectors = new WeakMap<Config, CrisisDetector>();

/** The crisis-word detector in force: the built-in phrases and the admin's own, compiled once. */
export function crisisWords(config: Config): CrisisDetector {
  let d = detectors.get(config);
  if (!d) {
    d = crisisDetector([...BUILT_IN_CRISIS_PHRASES, ...config.crisisPhrases]);
    detectors.set(config, d);
  }
  return d;
}
