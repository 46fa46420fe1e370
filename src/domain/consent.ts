/**
 * Consent: what flows from a person to someone who supports them. Everything is private
 * by default; the person sharing grants scopes per link, and a betrayed partner also
 * chooses what they want to receive. Both must agree before anything flows.
 */
export const SCOPES = ['alerts', 'sos', 'milestones', 'status', 'mood', 'notes'] as const;
export type Scope = (typeof SCOPES)[number];
export const DEFAULT_SCOPES: readonly Scope[] = ['alerts', 'sos', 'milestones'];

export const SCOPE_LABEL: Record<Scope, string> = {
  alerts: 'missed check-in alerts',
  sos: 'SOS calls',
  milestones: 'milestone news',
  status: 'daily status (sober yes/no)',
  mood: 'mood',
  notes: 'notes',
};

export const RELATIONS = ['sponsor', 'partner', 'coach'] as const;
export type Relation = (typeof RELATIONS)[number];

/** A betrayed partner's choice: nothing / sobriety yes-no / relapse notices / full shared check-ins. */
export const PARTNER_LEVELS = ['nothing', 'status', 'relapse', 'full'] as const;
export type PartnerLevel = (typeof PARTNER_LEVELS)[number];

export const PARTNER_LEVEL_LABEL: Record<PartnerLevel, string> = {
  nothing: 'nothing',
  status: 'sobriety yes/no',
  relapse: 'relapse notices only',
  full: 'full shared check-ins',
};

export interface LinkConsent {
  relation: Relation;
  scopes: readonly Scope[];
  /** Only for partners; a partner starts at "nothing": nothing is pushed they did not ask for. */
  partnerLevel: PartnerLevel | null;
  receivingPaused: boolean;
  ended: boolean;
}

/** What a message about a person carries, decided when it is sent. */
export interface Disclosure {
  scope: Scope;
  /** A status message that reports a relapse. */
  relapse?: boolean;
}

/** The one rule for messages about a person: may this link carry this disclosure now? */
export function mayReceive(link: LinkConsent, d: Disclosure): boolean {
  if (link.ended || !link.scopes.includes(d.scope)) return false;
  if (link.relation !== 'partner') return true;
  if (link.receivingPaused) return false;
  switch (link.partnerLevel ?? 'nothing') {
    case 'nothing':
      return false;
    case 'status':
      return d.scope === 'status';
    case 'relapse':
      return d.scope === 'status' && d.relapse === true;
    case 'full':
      return true;
  }
}

/** Whether a message needing every one of `scopes` may go through this link now. */
export function mayReceiveAll(link: LinkConsent, scopes: readonly Scope[], relapse: boolean): boolean {
  return scopes.length > 0 && scopes.every((scope) => mayReceive(link, { scope, relapse }));
}

export function parseScopes(text: string): { scopes: Scope[] } | { unknown: string } {
  const items = text.toLowerCase().split(/[\s,]+/).filter(Boolean);
  const out: Scope[] = [];
  for (const item of items) {
    if (item === 'none') continue;
    if (!(SCOPES as readonly string[]).includes(item)) return { unknown: item };
    if (!out.includes(item as Scope)) out.push(item as Scope);
  }
  return { scopes: out };
}
