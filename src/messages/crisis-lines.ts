/**
 * Emergency numbers and crisis lines, by country. Each line listed here answers day and
 * night; the numbers were checked against the services' own pages or national press when
 * written. Countries without a line of a kind fall back to findahelpline.com, which lists
 * services worldwide. An admin picks their countries with CRISIS_REGION (first in the
 * replies); without one, the international list below is shown.
 *
 * Keeping this right matters more than anything else in the bot: when a number changes,
 * change it here, with a source in the commit message.
 */
import type { CrisisRegion } from '../domain/crisis-regions.js';

export interface CrisisLine {
  name: string;
  /** How to reach it: "call or text 988", "0800 111 0 111". */
  contact: string;
}

export interface CountryHelp {
  country: string;
  /** The number for an emergency, with the police's own where it differs. */
  emergency: string;
  /** For thoughts of suicide, self-harm or any deep distress (and a strong urge). */
  crisis: readonly CrisisLine[];
  /** For someone not safe from another person (domestic violence, threats). */
  safety: readonly CrisisLine[];
}

export const COUNTRY_HELP: Readonly<Record<CrisisRegion, CountryHelp>> = Object.freeze({
  US: {
    country: 'the US', emergency: '911',
    crisis: [{ name: 'the 988 Suicide and Crisis Lifeline', contact: 'call or text 988' }],
    safety: [{ name: 'the National Domestic Violence Hotline', contact: 'call 1-800-799-7233, or text START to 88788' }],
  },
  CA: {
    country: 'Canada', emergency: '911',
    crisis: [{ name: '9-8-8 Suicide Crisis Helpline', contact: 'call or text 988' }],
    safety: [{ name: 'ShelterSafe, for a shelter and its crisis line near you', contact: 'sheltersafe.ca' }],
  },
  GB: {
    country: 'the UK', emergency: '999',
    crisis: [{ name: 'Samaritans', contact: '116 123' }, { name: 'Shout', contact: 'text SHOUT to 85258' }],
    safety: [{ name: 'the National Domestic Abuse Helpline', contact: '0808 2000 247' }],
  },
  IE: {
    country: 'Ireland', emergency: '112 or 999',
    crisis: [{ name: 'Samaritans', contact: '116 123' }],
    safety: [{ name: "Women's Aid", contact: '1800 341 900' }],
  },
  AU: {
    country: 'Australia', emergency: '000',
    crisis: [{ name: 'Lifeline', contact: '13 11 14' }],
    safety: [{ name: '1800RESPECT', contact: '1800 737 732' }],
  },
  NZ: {
    country: 'New Zealand', emergency: '111',
    crisis: [{ name: 'Need to talk?', contact: 'call or text 1737' }, { name: 'Lifeline', contact: '0800 543 354' }],
    safety: [{ name: "Women's Refuge", contact: '0800 733 843' }],
  },
  DE: {
    country: 'Germany', emergency: '112 (police: 110)',
    crisis: [{ name: 'TelefonSeelsorge', contact: '0800 111 0 111 or 0800 111 0 222' }],
    safety: [{ name: 'Hilfetelefon Gewalt gegen Frauen', contact: '116 016' }],
  },
  AT: {
    country: 'Austria', emergency: '112 (police: 133)',
    crisis: [{ name: 'Telefonseelsorge', contact: '142' }],
    safety: [{ name: 'Frauenhelpline gegen Gewalt', contact: '0800 222 555' }],
  },
  CH: {
    country: 'Switzerland', emergency: '112 (police: 117)',
    crisis: [{ name: 'Die Dargebotene Hand', contact: '143' }],
    safety: [],
  },
  ES: {
    country: 'Spain', emergency: '112',
    crisis: [{ name: 'Línea 024', contact: '024' }],
    safety: [{ name: '016, which leaves no trace on the phone bill', contact: '016' }],
  },
  FR: {
    country: 'France', emergency: '112 (SAMU: 15)',
    crisis: [{ name: '3114, the national suicide prevention line', contact: '3114' }],
    safety: [{ name: 'Violences Femmes Info', contact: '3919' }],
  },
  PT: {
    country: 'Portugal', emergency: '112',
    crisis: [{ name: 'SNS 24, psychological counselling (option 4)', contact: '808 24 24 24' }],
    safety: [{ name: 'the line for victims of domestic violence', contact: '800 202 148, or an SMS to 3060' }],
  },
  BR: {
    country: 'Brazil', emergency: '190 (police) or 192 (ambulance)',
    crisis: [{ name: 'CVV', contact: '188' }],
    safety: [{ name: 'Ligue 180', contact: '180' }],
  },
  MX: {
    country: 'Mexico', emergency: '911',
    crisis: [{ name: 'Línea de la Vida', contact: '800 911 2000' }],
    safety: [],
  },
});

/** Without a country: the numbers that reach most people, and where to find the rest. */
const ANY_EMERGENCY = 'your local emergency number (112 in Europe, 911 in the US and Canada, 999 in the UK, 000 in Australia)';
const INTERNATIONAL: Record<'crisis' | 'safety', string> = {
  crisis: 'In the US and Canada, call or text 988; in the UK and Ireland, call Samaritans on 116 123.',
  safety: 'In the US, the National Domestic Violence Hotline: 1-800-799-7233, or text START to 88788; in the UK, the National Domestic Abuse Helpline: 0808 2000 247.',
};
const FALLBACK: Record<'crisis' | 'safety', string> = {
  crisis: 'Anywhere else, findahelpline.com lists free lines near you.',
  safety: 'Anywhere else, findahelpline.com lists domestic-violence services near you.',
};

/** Which list of lines a heavy moment needs. */
export type LineKind = 'crisis' | 'safety';

/** "112", or each country's number, or the local number explained. */
export function emergencyNumber(regions: readonly CrisisRegion[]): string {
  if (regions.length === 0) return ANY_EMERGENCY;
  if (regions.length === 1) return COUNTRY_HELP[regions[0]!].emergency;
  return regions.map((r) => `${COUNTRY_HELP[r].emergency} in ${COUNTRY_HELP[r].country}`).join(', ');
}

/** The lines, one sentence a country, then findahelpline.com for everyone else. */
export function helpLines(kind: LineKind, regions: readonly CrisisRegion[]): string[] {
  if (regions.length === 0) return [INTERNATIONAL[kind], FALLBACK[kind]];
  const lines = regions.flatMap((r) => {
    const known = COUNTRY_HELP[r][kind];
    return known.length === 0 ? [] : [`In ${COUNTRY_HELP[r].country}: ${known.map(lineText).join('; ')}.`];
  });
  return [...lines, FALLBACK[kind]];
}

/** The same in one line, for the second time in a day. */
export function shortHelpLine(kind: LineKind, regions: readonly CrisisRegion[]): string {
  if (regions.length === 0) {
    return kind === 'crisis'
      ? 'Emergency: your local number. Lines: 988 (US, Canada), Samaritans 116 123 (UK, Ireland), findahelpline.com elsewhere.'
      : 'Emergency: your local number. Lines: 1-800-799-7233 (US), 0808 2000 247 (UK), findahelpline.com elsewhere.';
  }
  const first = regions.map((r) => COUNTRY_HELP[r]).map((c) => {
    const line = c[kind][0];
    return `Emergency: ${c.emergency}.${line ? ` ${capitalised(lineText(line))}.` : ''}`;
  });
  return [...first, 'Elsewhere: findahelpline.com.'].join(' ');
}

/** "TelefonSeelsorge (0800 111 0 111)", or the name alone when it holds the number ("Línea 024"). */
function lineText(l: CrisisLine): string {
  return l.name.includes(l.contact) ? l.name : `${l.name} (${l.contact})`;
}

function capitalised(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
