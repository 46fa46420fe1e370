import { meetingOf, type Scope } from '../domain/consent.js';
import { askOnCallText, askPersonText, offerPartnerText, offerSupporterText, partnerWaits } from '../messages/consent.js';
import type { Button } from '../ports/reply.js';
import type { Link } from '../store/links.js';
import type { CoreDeps } from './context.js';
import { notifyPerson } from './notify.js';

/** What one question to the other side became: sent now, or asked already (each question goes once). */
export interface Asked {
  scopes: Scope[];
  now: boolean;
}

type Deps = Pick<CoreDeps, 'db' | 'seal'>;

/** Each distinct question about a link is asked once: its identity names the link and what is asked. */
function askKey(link: Link, what: string, scopes: readonly Scope[]): string {
  return `consent-ask:${link.id}:${what}:${scopes.join('+')}`;
}

/** The supporter set their half: the person is asked, once, to share what the supporter would like and they do not share yet. */
export async function askPersonToShare(deps: Deps, link: Link, supporterName: string, now: Date): Promise<Asked | null> {
  const m = meetingOf(link);
  if (link.ended || m.waitsForPerson.length === 0) return null;
  const scopes = m.waitsForPerson;
  const buttons: Button[][] = [[
    { label: 'Share', command: `/share ${link.id} +${scopes.join(',')}` },
    { label: 'Not now', command: `/share ${link.id} keep` },
  ]];
  const sent = await notifyPerson(deps, link.personId, askKey(link, 'share', scopes), askPersonText(supporterName, scopes, m.relapseOnly), now, { topic: 'consent-ask', buttons });
  return { scopes, now: sent };
}

/**
 * The person set their half: the supporter is asked, once, whether they want what is now
 * offered. A partner is offered check-in news in words that leave the choice with them, and
 * asked separately, gently, whether they are willing to be on call.
 */
export async function askSupporterToReceive(deps: Deps, link: Link, personName: string, now: Date): Promise<Asked[]> {
  const m = meetingOf(link);
  if (link.ended || m.waitsForSupporter.length === 0) return [];
  const notNow: Button = { label: 'Not now', command: `/receive keep ${link.id}` };
  const out: Asked[] = [];
  const ask = async (what: string, scopes: Scope[], text: string, buttons: Button[][]) => {
    const sent = await notifyPerson(deps, link.supporterId, askKey(link, what, scopes), text, now, { topic: 'consent-ask', buttons });
    out.push({ scopes, now: sent });
  };
  if (link.relation !== 'partner') {
    const s = m.waitsForSupporter;
    await ask('receive', s, offerSupporterText(personName, s), [[{ label: 'Receive', command: `/receive +${s.join(',')} ${link.id}` }, notNow]]);
    return out;
  }
  const { onCall, level } = partnerWaits(m);
  if (level.length > 0) {
    const levels: Button[] = [];
    if (level.includes('status')) {
      levels.push({ label: 'Sobriety yes/no', command: `/receive status ${link.id}` }, { label: 'Relapse notices only', command: `/receive relapse ${link.id}` });
    }
    if (level.some((s) => s !== 'status')) levels.push({ label: 'Full shared check-ins', command: `/receive full ${link.id}` });
    await ask('receive', level, offerPartnerText(personName, level), [levels, [notNow]]);
  }
  if (onCall.length > 0) {
    await ask('on-call', onCall, askOnCallText(personName, onCall), [[{ label: "Yes, I'll be on call", command: `/receive oncall ${link.id}` }, notNow]]);
  }
  return out;
}
