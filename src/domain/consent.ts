/**
 * Consent: what flows from a person to someone who supports them. Everything is private
 * by default. Each link has two halves, both explicit: what the person shares through it,
 * and what the supporter asked to receive. What arrives is where the two meet, and nothing
 * else; the same rule decides when a message is queued and again when it is sent.
 */
export const SCOPES = ['alerts', 'sos', 'milestones', 'status', 'mood', 'notes'] as const;
export type Scope = (typeof SCOPES)[number];

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

/**
 * What a partner's level asks for. "Full" is the shared check-ins and the news about them,
 * never the responder's work: alerts and SOS come only with being on call.
 */
const PARTNER_WANTS: Record<PartnerLevel, readonly Scope[]> = {
  nothing: [],
  status: ['status'],
  relapse: ['status'],
  full: ['status', 'mood', 'notes', 'milestones'],
};

/** What a partner who agreed to be on call also receives. */
export const ON_CALL_SCOPES: readonly Scope[] = ['alerts', 'sos'];

/**
 * What the person shares through a new link. Sponsors and coaches walk beside the person in
 * recovery: alerts, SOS and milestones. A partner is never made a responder by default, so
 * nothing is shared with a partner until the person chooses it.
 */
export function defaultShares(relation: Relation): readonly Scope[] {
  return relation === 'partner' ? [] : ['alerts', 'sos', 'milestones'];
}

/** What a sponsor or coach receives of what is shared, unless they say otherwise: all of it. */
export const DEFAULT_WANTS: readonly Scope[] = SCOPES;

export interface LinkConsent {
  relation: Relation;
  /** The person's half: what they share through this link. */
  scopes: readonly Scope[];
  /** A sponsor's or coach's half: what they want to receive. (A partner's half is their level.) */
  wants: readonly Scope[];
  /** Only for partners; a partner starts at "nothing": nothing is pushed they did not ask for. */
  partnerLevel: PartnerLevel | null;
  /** A partner who explicitly agreed to receive missed-check-in alerts and SOS calls. */
  onCall: boolean;
  receivingPaused: boolean;
  ended: boolean;
}

/** The supporter's half, whatever their relation: the scopes they want, and whether only relapses of the status. */
export interface Wanted {
  scopes: readonly Scope[];
  /** A partner on "relapse notices": of the daily status, only a day that reports a relapse. */
  relapseOnly: boolean;
}

export function wantedBy(link: Pick<LinkConsent, 'relation' | 'wants' | 'partnerLevel' | 'onCall'>): Wanted {
  if (link.relation !== 'partner') return { scopes: link.wants, relapseOnly: false };
  const level = link.partnerLevel ?? 'nothing';
  return { scopes: [...PARTNER_WANTS[level], ...(link.onCall ? ON_CALL_SCOPES : [])], relapseOnly: level === 'relapse' };
}

/** What a message about a person carries, decided when it is sent. */
export interface Disclosure {
  scope: Scope;
  /** A status message that reports a relapse. */
  relapse?: boolean;
}

/** The one rule for messages about a person: may this link carry this disclosure now? Both halves must allow it. */
export function mayReceive(link: LinkConsent, d: Disclosure): boolean {
  if (link.ended || link.receivingPaused || !link.scopes.includes(d.scope)) return false;
  const wanted = wantedBy(link);
  if (!wanted.scopes.includes(d.scope)) return false;
  return !(wanted.relapseOnly && d.scope === 'status' && d.relapse !== true);
}

/** Whether a message needing every one of `scopes` may go through this link now. */
export function mayReceiveAll(link: LinkConsent, scopes: readonly Scope[], relapse: boolean): boolean {
  return scopes.length > 0 && scopes.every((scope) => mayReceive(link, { scope, relapse }));
}

/** Where the two halves of a link meet, in SCOPES order. */
export interface Meeting {
  /** Arrives now (unless receiving is paused or the link ended). */
  arrives: Scope[];
  /** Of the status, only relapses arrive. */
  relapseOnly: boolean;
  /**
   * The supporter asked for these; they wait for the person to share them. A sponsor or coach
   * who receives whatever is shared (the default) asks for nothing in particular.
   */
  waitsForPerson: Scope[];
  /** The person shares these; they wait for the supporter to want them (a partner: their level, or being on call). */
  waitsForSupporter: Scope[];
}

export function meetingOf(link: LinkConsent): Meeting {
  const wanted = wantedBy(link);
  const asks = link.relation === 'partner' || wanted.scopes.length < SCOPES.length;
  return {
    arrives: SCOPES.filter((s) => link.scopes.includes(s) && wanted.scopes.includes(s)),
    relapseOnly: wanted.relapseOnly,
    waitsForPerson: asks ? SCOPES.filter((s) => wanted.scopes.includes(s) && !link.scopes.includes(s)) : [],
    waitsForSupporter: SCOPES.filter((s) => link.scopes.includes(s) && !wanted.scopes.includes(s)),
  };
}

/** A scope list as typed: `status,mood` sets it; `+status,-notes` changes the current one; `none` empties it. */
export type ScopeChoice = { set: Scope[] } | { add: Scope[]; remove: Scope[] };

export function parseScopes(text: string): ScopeChoice | { unknown: string } {
  const items = text.toLowerCase().split(/[\s,]+/).filter(Boolean);
  const set: Scope[] = [];
  const add: Scope[] = [];
  const remove: Scope[] = [];
  let changes = false;
  for (const item of items) {
    if (item === 'none' || item === 'nothing') continue;
    const sign = item[0] === '+' || item[0] === '-' ? item[0] : null;
    const name = sign ? item.slice(1) : item;
    const scopes = name === 'all' ? [...SCOPES] : (SCOPES as readonly string[]).includes(name) ? [name as Scope] : null;
    if (!scopes) return { unknown: item };
    if (sign) changes = true;
    const into = sign === '-' ? remove : sign === '+' ? add : set;
    for (const s of scopes) if (!into.includes(s)) into.push(s);
  }
  return changes ? { add: [...add, ...set.filter((s) => !add.includes(s))], remove } : { set };
}

/** The scopes after a choice, in SCOPES order. */
export function applyScopes(current: readonly Scope[], choice: ScopeChoice): Scope[] {
  const next = 'set' in choice
    ? new Set(choice.set)
    : new Set([...current.filter((s) => !choice.remove.includes(s)), ...choice.add]);
  return SCOPES.filter((s) => next.has(s));
}
