import {
  meetingOf, ON_CALL_SCOPES, PARTNER_LEVEL_LABEL, SCOPE_LABEL, SCOPES, type LinkConsent, type Meeting, type Scope,
} from '../domain/consent.js';

/*
 * What each side of a link is told about it. Every sentence is built from the link's two
 * halves, so a confirmation never promises more (or less) than what will arrive: "receives
 * now" lists exactly where the halves meet; "waiting for" lists exactly what one side offers
 * or asks and the other has not agreed to yet.
 */

/** Scopes in words, with the status said as "relapse notices" for a partner who asked only for those. */
export function scopesInWords(scopes: readonly Scope[], relapseOnly = false): string {
  const words = SCOPES.filter((s) => scopes.includes(s)).map((s) => (s === 'status' && relapseOnly ? 'relapse notices' : SCOPE_LABEL[s]));
  if (words.length === 0) return 'nothing';
  return words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** What reaches the supporter now, as one phrase ("nothing yet" when the halves do not meet). */
export function arrivingInWords(link: LinkConsent, m: Meeting = meetingOf(link)): string {
  if (link.ended) return 'nothing (the link has ended)';
  if (m.arrives.length === 0) return 'nothing yet';
  const what = scopesInWords(m.arrives, m.relapseOnly);
  return link.receivingPaused ? `nothing while receiving is paused (then: ${what})` : what;
}

/** The supporter's half in words: a partner's level (and being on call), or a sponsor's or coach's scopes. */
export function wantedInWords(link: LinkConsent): string {
  if (link.relation === 'partner') {
    const level = PARTNER_LEVEL_LABEL[link.partnerLevel ?? 'nothing'];
    return link.onCall ? `${level}, and on call (SOS calls, missed check-in alerts)` : level;
  }
  return link.wants.length === SCOPES.length ? 'everything shared with them' : scopesInWords(link.wants);
}

export function sharedInWords(link: LinkConsent): string {
  return scopesInWords(link.scopes);
}

/** The two halves and where they meet, as /links shows them to either side. */
export function linkHalvesLines(link: LinkConsent, side: 'sharing' | 'supporting', otherName: string): string[] {
  const m = meetingOf(link);
  if (side === 'sharing') {
    return [
      `   You share: ${sharedInWords(link)}. ${otherName} asked for: ${wantedInWords(link)}.`,
      `   ${otherName} receives now: ${arrivingInWords(link, m)}.`,
      ...waitingLines(link, m, 'sharing', otherName),
    ];
  }
  return [
    `   ${otherName} shares: ${sharedInWords(link)}. You asked for: ${wantedInWords(link)}.`,
    `   You receive now: ${arrivingInWords(link, m)}.`,
    ...waitingLines(link, m, 'supporting', otherName),
  ];
}

/** What waits, and for whom, said to one side. */
export function waitingLines(link: LinkConsent, m: Meeting, side: 'sharing' | 'supporting', otherName: string): string[] {
  const out: string[] = [];
  const forPerson = scopesInWords(m.waitsForPerson, m.relapseOnly);
  const forSupporter = scopesInWords(m.waitsForSupporter);
  if (m.waitsForPerson.length > 0) {
    out.push(side === 'sharing' ? `   ${otherName} would also like: ${forPerson} (waiting for you).` : `   Waiting for ${otherName} to share: ${forPerson}.`);
  }
  if (m.waitsForSupporter.length > 0) {
    out.push(side === 'sharing' ? `   You also share ${forSupporter}; it waits for ${otherName} to choose it.` : `   ${otherName} also offers: ${forSupporter} (waiting for you).`);
  }
  return out;
}

/** Splits what waits for a partner into what being on call would add and what their level would. */
export function partnerWaits(m: Meeting): { onCall: Scope[]; level: Scope[] } {
  return {
    onCall: m.waitsForSupporter.filter((s) => ON_CALL_SCOPES.includes(s)),
    level: m.waitsForSupporter.filter((s) => !ON_CALL_SCOPES.includes(s)),
  };
}

/*
 * Questions to the other side of a link, asked once. They are messages the bot starts, so
 * their first two lines say only who is asking.
 */

/** To the person: the supporter would like something they do not share yet. */
export function askPersonText(supporterName: string, wanted: readonly Scope[], relapseOnly: boolean): string {
  return `${supporterName} asked you something.\nIt is your choice, and nothing changes until you answer.\n`
    + `${supporterName} would like ${scopesInWords(wanted, relapseOnly)} about you. Will you share that?`;
}

/** To a partner: the person makes some of their check-in news available; the partner decides whether and when. */
export function offerPartnerText(personName: string, offered: readonly Scope[]): string {
  return `A note from ${personName}.\nNothing reaches you unless you choose it, and you can choose any time.\n`
    + `${personName} is willing to share ${scopesInWords(offered)} with you. What would you like to receive, if anything?`;
}

/** To a partner: the person would like them on call. Saying no is as good an answer as yes. */
export function askOnCallText(personName: string, offered: readonly Scope[]): string {
  return `A question from ${personName}.\nOnly if you want it: your own healing comes first.\n`
    + `${personName} would like you to be someone they can call on: ${scopesInWords(offered)}. Are you willing to be on call?`;
}

/** To a sponsor or coach who chose to receive less: the person would like to share more. */
export function offerSupporterText(personName: string, offered: readonly Scope[]): string {
  return `A question from ${personName}.\nIt is your choice, and nothing changes until you answer.\n`
    + `${personName} would like to share ${scopesInWords(offered)} with you. Would you like to receive that?`;
}
