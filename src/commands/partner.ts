import { z } from 'zod';
import { applyScopes, meetingOf, PARTNER_LEVELS, SCOPES, parseScopes, type PartnerLevel, type ScopeChoice } from '../domain/consent.js';
import { arrivingInWords, linkHalvesLines, scopesInWords } from '../messages/consent.js';
import { reply, type Reply } from '../ports/reply.js';
import { askPersonToShare, type Asked } from '../services/consent-asks.js';
import { findMyLink, myLinks, type LinkView } from '../services/links.js';
import { notifyPerson } from '../services/notify.js';
import { displayNameOf, getLink, updateLink, type Link } from '../store/links.js';
import type { CommandContext } from '../services/context.js';
import { partnerLevelButtons } from './links.js';
import { action, type CommandSpec } from './spec.js';

/** The partner link where the caller is the betrayed partner (the receiving side). */
async function myPartnerLink(ctx: CommandContext, ref: string | undefined): Promise<LinkView | { problem: string }> {
  return myReceivingLink(ctx, ref, true);
}

/** A link where the caller receives (a partner, sponsor or coach): named, or the only one. */
async function myReceivingLink(ctx: CommandContext, ref: string | undefined, partnerOnly = false): Promise<LinkView | { problem: string }> {
  const what = partnerOnly ? 'That link is not one where you are the partner.' : 'That link is one where you share; you choose what you share with /share.';
  if (ref) {
    const found = await findMyLink(ctx, ref);
    if ('problem' in found) return found;
    return found.side === 'supporting' && (!partnerOnly || found.link.relation === 'partner') ? found : { problem: what };
  }
  const mine = (await myLinks(ctx)).filter((l) => l.side === 'supporting' && (!partnerOnly || l.link.relation === 'partner'));
  if (mine.length === 1) return mine[0]!;
  if (mine.length === 0) {
    return { problem: partnerOnly
      ? 'This is for partners: you are not linked as anyone\'s partner. Your partner can send /invite partner and give you the code.'
      : 'You do not receive anything from anyone yet: someone who wants your support sends /invite and gives you the code.' };
  }
  return { problem: partnerOnly
    ? `You are linked as a partner more than once; add the number from /links, e.g. /receive status ${mine[0]!.n}.`
    : `You receive from more than one person; add the number from /links, e.g. /receive pause ${mine[0]!.n}.` };
}

/** What `/receive` was told: a partner's level, being on call, pausing, keeping things as they are, or (sponsors and coaches) scopes. */
type ReceiveChoice =
  | { level: PartnerLevel }
  | { onCall: boolean }
  | { paused: boolean }
  | { keep: true }
  | { scopes: ScopeChoice };

export function parseReceive(text: string): ReceiveChoice | null {
  const word = text.trim().toLowerCase();
  if ((PARTNER_LEVELS as readonly string[]).includes(word)) return { level: word as PartnerLevel };
  if (word === 'oncall' || word === 'on-call') return { onCall: true };
  if (word === 'offcall' || word === 'off-call') return { onCall: false };
  if (word === 'pause' || word === 'resume') return { paused: word === 'pause' };
  if (word === 'keep') return { keep: true };
  const scopes = parseScopes(word);
  return 'unknown' in scopes ? null : { scopes };
}

const EXPECTED = `partners: nothing, status, relapse or full, oncall or offcall; sponsors and coaches: any of ${SCOPES.join(', ')} (+x adds, -x removes); anyone: pause or resume`;

export const receiveCommand: CommandSpec = {
  name: 'receive',
  summary: 'Choose what you receive from someone you support, or pause receiving',
  usage: ['/receive relapse', '/receive full', '/receive oncall', '/receive pause', '/receive resume', '/receive alerts,sos,status'],
  where: 'anywhere',
  private: true,
  beforeRole: true,
  action: action({
    summary: 'Choose what you receive',
    options: {
      level: {
        description: 'Partners: nothing, status, relapse, full, oncall; sponsors and coaches: scopes; or pause, resume',
        schema: z.string().trim().min(1).max(120).refine((s) => parseReceive(s) !== null),
        expected: EXPECTED,
        positional: true,
      },
      link: { description: 'Which link, if you have several', schema: z.string().trim().min(1).max(64), expected: 'a number or name from /links', positional: true },
    },
    async run(ctx, { level, link }) {
      const found = await myReceivingLink(ctx, link);
      if ('problem' in found) return reply(found.problem);
      if (!level) return currentHalves(found);
      const choice = parseReceive(level)!;
      const partner = found.link.relation === 'partner';
      const problem = partner
        ? ('scopes' in choice ? 'As a partner you choose a level: nothing, status (sobriety yes/no), relapse (relapse notices) or full; and oncall only if you want to be on call.' : null)
        : ('onCall' in choice ? `As ${found.otherName}'s ${found.link.relation}, you receive SOS calls and alerts whenever they share them; to stop them: /receive -alerts,sos` : null);
      if (problem) return reply(problem);
      if ('keep' in choice) return reply(`Nothing changes. You receive now: ${arrivingInWords(found.link)}.`);
      if ('paused' in choice) {
        await updateLink(ctx.deps.db, found.link.id, { receivingPaused: choice.paused });
        if (choice.paused) return reply(`Receiving is paused. Nothing about ${found.otherName} reaches you until you send /receive resume.`);
        return reply(`Receiving is on again. You receive now: ${arrivingInWords({ ...found.link, receivingPaused: false })}.`);
      }
      await updateLink(ctx.deps.db, found.link.id, 'level' in choice
        ? (partner ? { partnerLevel: choice.level } : { wants: choice.level === 'nothing' ? [] : choice.level === 'full' ? SCOPES : ['status'] })
        : 'onCall' in choice ? { onCall: choice.onCall } : { wants: applyScopes(found.link.wants, choice.scopes) });
      const updated = (await getLink(ctx.deps.db, found.link.id))!;
      const myName = await displayNameOf(ctx.deps.db, ctx.person.id);
      const asked = await askPersonToShare(ctx.deps, updated, myName, ctx.now);
      return reply(receiveAnswer(updated, found.otherName, asked, 'onCall' in choice ? choice.onCall : null));
    },
  }),
};

/** `/receive` alone: both halves, and the choices. */
function currentHalves(found: LinkView): Reply {
  const lines = [`With ${found.otherName}:`, ...linkHalvesLines(found.link, 'supporting', found.otherName).map((l) => l.trim())];
  if (found.link.relation !== 'partner') return reply([...lines, '', `Choose what you receive with /receive and a list, e.g. /receive alerts,sos,status. Pause with /receive pause.`].join('\n'));
  return reply([...lines, '', `What would you like to receive from ${found.otherName}?`].join('\n'), { buttons: partnerLevelButtons(found.link.id) });
}

/**
 * The answer to the supporter's own choice: exactly what reaches them now, what waits for the
 * person (and that they were asked, once), and when a relapse notice comes.
 */
function receiveAnswer(link: Link, name: string, asked: Asked | null, onCall: boolean | null): string {
  const m = meetingOf(link);
  const lines: string[] = [];
  if (onCall === true) lines.push(`Thank you. You are on call for ${name}: their SOS calls and missed check-in alerts may reach you, if they share them.`);
  if (onCall === false) lines.push(`You are no longer on call: SOS calls and missed check-in alerts about ${name} do not reach you.`);
  lines.push(`You will receive now: ${arrivingInWords(link, m)}.`);
  if (m.arrives.includes('status') && link.relation === 'partner') {
    lines.push(`After a relapse, ${name} has 24 hours to tell you themselves before a notice comes from me.`);
  }
  if (m.waitsForSupporter.length > 0) {
    lines.push(`${name} also offers ${scopesInWords(m.waitsForSupporter)}; it does not reach you unless you choose it.`);
  }
  if (asked) {
    const what = scopesInWords(asked.scopes, m.relapseOnly);
    lines.push(`Waiting for ${name} to share: ${what}. Until they do, nothing of it comes, and silence means nothing. ${asked.now ? `I have asked ${name}` : `I asked ${name} before`}; it is their choice.`);
  }
  lines.push('You can change or pause this any time; it applies from the very next message.');
  return lines.join('\n');
}

export const readyCommand: CommandSpec = {
  name: 'ready',
  summary: 'Partners: open (or close) shared couple features like FANOS',
  usage: ['/ready', '/ready off'],
  where: 'anywhere',
  private: true,
  beforeRole: true,
  action: action({
    summary: 'Open shared features',
    options: {
      off: { description: 'off closes them again', schema: z.enum(['off', 'on']), expected: 'nothing, or off', positional: true },
      link: { description: 'Which link, if you have several', schema: z.string().trim().min(1).max(64), expected: 'a number or name from /links', positional: true },
    },
    async run(ctx, { off, link }) {
      const found = await myPartnerLink(ctx, link);
      if ('problem' in found) return reply(found.problem);
      const ready = off !== 'off';
      await updateLink(ctx.deps.db, found.link.id, { ready });
      const myName = await displayNameOf(ctx.deps.db, ctx.person.id);
      await notifyPerson(ctx.deps, found.otherId, `ready:${found.link.id}:${ctx.now.toISOString()}`,
        ready ? `${myName} feels ready to work on some things together. Shared check-ins (/fanos) are open.` : `${myName} has closed shared check-ins for now. Respecting that is part of rebuilding trust.`, ctx.now);
      return reply(ready
        ? 'Shared features are open: /fanos starts a FANOS check-in you each write privately; I share both once you have both written. Close them any time with /ready off.'
        : 'Shared features are closed. Your own healing space stays as it is.');
    },
  }),
};
