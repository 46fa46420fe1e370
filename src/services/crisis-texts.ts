import type { Config } from '../config.js';
import { DEFAULT_CRISIS_TEXTS, type CrisisTexts } from '../messages/crisis.js';

/** The crisis texts in force: an admin's own (local services, local numbers) or the safe defaults. */
export function crisisTexts(config: Config): CrisisTexts {
  const own = config.crisisText;
  const generic = own.generic ?? DEFAULT_CRISIS_TEXTS.generic;
  return {
    generic,
    recovery: own.recovery ?? (own.generic ? generic : DEFAULT_CRISIS_TEXTS.recovery),
    partner: own.partner ?? (own.generic ? generic : DEFAULT_CRISIS_TEXTS.partner),
    supporter: own.supporter ?? (own.generic ? generic : DEFAULT_CRISIS_TEXTS.supporter),
  };
}
