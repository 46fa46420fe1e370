/**
 * Countries whose crisis lines Steadfast knows (ISO 3166 codes). An admin names theirs
 * (CRISIS_REGION) so those lines come first; everyone else gets the international list and
 * findahelpline.com. The lines themselves live in messages/crisis-lines.ts.
 */
export const CRISIS_REGIONS = ['AT', 'AU', 'BR', 'CA', 'CH', 'DE', 'ES', 'FR', 'GB', 'IE', 'MX', 'NZ', 'PT', 'US'] as const;
export type CrisisRegion = (typeof CRISIS_REGIONS)[number];

/** "uk" is what many people write for the United Kingdom; its ISO code is GB. */
export function parseCrisisRegion(code: string): CrisisRegion | null {
  const c = code.trim().toUpperCase();
  const iso = c === 'UK' ? 'GB' : c;
  return (CRISIS_REGIONS as readonly string[]).includes(iso) ? (iso as CrisisRegion) : null;
}
