import { COMMON_ZONES } from '../../src/domain/local-date.js';

// Node's list leaves out UTC itself, which many people choose.
const ALL: readonly string[] = ['UTC', ...(Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone')];

/** Up to 25 IANA zones for what was typed so far: names starting with it first, then containing it. */
export function zoneChoices(typed: string, max = 25): { name: string; value: string }[] {
  const needle = typed.trim().toLowerCase().replace(/[\s-]+/g, '_');
  const picked = needle === ''
    ? [...COMMON_ZONES]
    : [
      ...ALL.filter((z) => z.toLowerCase().startsWith(needle) || (z.split('/').pop() ?? '').toLowerCase().startsWith(needle)),
      ...ALL.filter((z) => z.toLowerCase().includes(needle)),
    ];
  return [...new Set(picked)].slice(0, max).map((z) => ({ name: z, value: z }));
}
