import { z } from 'zod';
import { PARTNER_LEVEL_LABEL, PARTNER_LEVELS } from '../domain/consent.js';
import { reply } from '../ports/reply.js';
import { findMyLink, myLinks, type LinkView } from '../services/links.js';
import { notifyPerson } from '../services/notify.js';
import { displayNameOf, updateLink } from '../store/links.js';
import type { CommandContext } from '../services/context.js';
import { partnerLevelButtons } from './links.js';
import { action, type CommandSpec } from './spec.js';

/** The partner link where the caller is the betrayed partner (the receiving side). */
async function myPartnerLink(ctx: CommandContext, ref: string | undefined): Promise<LinkView | { problem: string }> {
  if (ref) {
    const found = await findMyLink(ctx, ref);
    if ('problem' in found) return found;
    return found.side === 'supporting' && found.link.relation === 'partner' ? found : { problem: 'That link is not one where you are the partner.' };
  }
  const mine = (await myLinks(ctx)).filter((l) => l.side === 'supporting' && l.link.relation === 'partner');
  if (mine.length === 1) return mine[0]!;
  if (mine.length === 0) return { problem: 'This is for partners: you are not linked as anyone\'s partner. Your partner can send /invite partner and give you the code.' };
  return { problem: `You are linked as a partner more than once; add the number from /links, e.g. /receive status ${mine[0]!.n}.` };
}

export const receiveCommand: CommandSpec = {
  name: 'receive',
  summary: 'Partners: choose what you receive, or pause receiving',
  usage: ['/receive nothing', '/receive status', '/receive relapse', '/receive full', '/receive pause', '/receive resume'],
  where: 'anywhere',
  private: true,
  beforeRole: true,
  action: action({
    summary: 'Choose what you receive',
    options: {
      level: {
        description: 'nothing, status, relapse, full, pause or resume',
        schema: z.enum([...PARTNER_LEVELS, 'pause', 'resume']),
        expected: 'nothing, status (sobriety yes/no), relapse (relapse notices), full, pause or resume',
        positional: true,
      },
      link: { description: 'Which link, if you have several', schema: z.string().trim().min(1).max(64), expected: 'a number or name from /links', positional: true },
    },
    async run(ctx, { level, link }) {
      const found = await myPartnerLink(ctx, link);
      if ('problem' in found) return reply(found.problem);
      if (!level) {
        const now = PARTNER_LEVEL_LABEL[found.link.partnerLevel ?? 'nothing'];
        return reply(`You receive: ${now}${found.link.receivingPaused ? ' (paused)' : ''}. What would you like to receive from ${found.otherName}?`, { buttons: partnerLevelButtons(found.link.id) });
      }
      if (level === 'pause' || level === 'resume') {
        await updateLink(ctx.deps.db, found.link.id, { receivingPaused: level === 'pause' });
        return reply(level === 'pause' ? 'Receiving is paused. Nothing about your partner reaches you until you send /receive resume.' : 'Receiving is on again, at the level you chose.');
      }
      await updateLink(ctx.deps.db, found.link.id, { partnerLevel: level });
      return reply(`You will receive: ${PARTNER_LEVEL_LABEL[level]}. You can change or pause this any time; it applies from the very next message.`);
    },
  }),
};

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
