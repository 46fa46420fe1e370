import { z } from 'zod';
import { reply, type Reply } from '../ports/reply.js';
import { addBoundary, boundariesSharedThrough, listBoundaries, shareBoundary, unshareBoundary } from '../store/boundaries.js';
import { findMyLink, myLinks, type LinkView } from '../services/links.js';
import type { CommandContext } from '../services/context.js';
import { action, type CommandSpec } from './spec.js';

export const BOUNDARY_TEXT_MAX = 300;

const n = { description: 'The boundary number from /boundaries', schema: z.coerce.number().int().min(1).max(1000), expected: 'the boundary number shown by /boundaries', positional: true, required: true } as const;
const withWhom = { description: 'Which partner (number or name from /links), if you have several', schema: z.string().trim().min(1).max(64), expected: 'a number or name from /links', positional: true } as const;

export const boundaryCommand: CommandSpec = {
  name: 'boundary',
  summary: 'Write down a boundary (private unless you share it with a partner)',
  usage: ['/boundary add TEXT', '/boundary share 2', '/boundary share 2 Pat', '/boundary private 2'],
  where: 'anywhere',
  private: true,
  beforeRole: true,
  subcommands: {
    add: action({
      summary: 'Add a boundary',
      options: {
        text: { description: 'The boundary', schema: z.string().trim().min(1).max(BOUNDARY_TEXT_MAX), expected: `a boundary of up to ${BOUNDARY_TEXT_MAX} characters`, positional: true, rest: true, required: true },
      },
      async run(ctx, { text }) {
        await addBoundary(ctx.deps.db, ctx.deps.seal, ctx.person.id, text, ctx.now);
        return reply('Boundary saved. It is private: only you see it. List them with /boundaries.');
      },
    }),
    share: shareAction(true),
    private: shareAction(false),
  },
};

/** The caller's partner links, on either side: a boundary is shown to the other person of one of them. */
async function partnerLinks(ctx: CommandContext): Promise<LinkView[]> {
  return (await myLinks(ctx)).filter((l) => l.link.relation === 'partner');
}

/**
 * Sharing a boundary makes it visible through one partner link when the other person looks
 * (/boundaries); it is never pushed to them, and a later partner does not see it.
 */
function shareAction(shared: boolean) {
  return action({
    summary: shared ? 'Let a linked partner see a boundary' : 'Make a boundary private again',
    options: { n, with: withWhom },
    async run(ctx, args): Promise<Reply> {
      const list = await listBoundaries(ctx.deps.db, ctx.deps.seal, ctx.person.id);
      const b = list[args.n - 1];
      if (!b) return reply(list.length ? `There is no boundary ${args.n}; you have ${list.length}. See /boundaries.` : 'You have no boundaries yet: /boundary add TEXT');
      let link: LinkView | null = null;
      if (args.with) {
        const found = await findMyLink(ctx, args.with);
        if ('problem' in found) return reply(found.problem);
        if (found.link.relation !== 'partner') return reply(`${found.otherName} is not linked with you as a partner; boundaries are shared only with a partner.`);
        link = found;
      }
      if (!shared) {
        await unshareBoundary(ctx.deps.db, b.id, link?.link.id);
        return reply(link ? `Boundary ${args.n} is no longer shown to ${link.otherName}.` : `Boundary ${args.n} is private again.`);
      }
      if (!link) {
        const partners = await partnerLinks(ctx);
        if (partners.length === 0) return reply('You are not linked with a partner, so there is no one to share it with. It stays private.');
        if (partners.length > 1) {
          return reply(`Which partner should see boundary ${args.n}?`, {
            buttons: partners.map((p) => [{ label: p.otherName, command: `/boundary share ${args.n} ${p.link.id}` }]),
          });
        }
        link = partners[0]!;
      }
      await shareBoundary(ctx.deps.db, b.id, link.link.id, ctx.now);
      return reply(`Boundary ${args.n} is shared with ${link.otherName}: they can see it in their /boundaries. It is not sent to them, and no one else sees it.`);
    },
  });
}

export const boundariesCommand: CommandSpec = {
  name: 'boundaries',
  summary: 'List your boundaries, and those a partner shares with you',
  usage: ['/boundaries'],
  where: 'anywhere',
  private: true,
  beforeRole: true,
  action: action({
    summary: 'List your boundaries',
    options: {},
    async run(ctx) {
      const list = await listBoundaries(ctx.deps.db, ctx.deps.seal, ctx.person.id);
      const partners = await partnerLinks(ctx);
      const nameOf = (linkId: string) => partners.find((p) => p.link.id === linkId)?.otherName;
      const lines = list.length === 0
        ? ['No boundaries written yet. Add one with /boundary add TEXT']
        : ['Your boundaries:', ...list.map((b, i) => {
          const names = b.sharedWith.map(nameOf).filter((x): x is string => x !== undefined);
          return `${i + 1}. ${b.text}${names.length ? ` (shared with ${names.join(', ')})` : ''}`;
        })];
      // What the other person of each partner link chose to show through that link.
      let about: string | undefined;
      for (const p of partners) {
        const theirs = await boundariesSharedThrough(ctx.deps.db, ctx.deps.seal, p.otherId, p.link.id);
        if (theirs.length === 0) continue;
        lines.push('', `Shared with you by ${p.otherName}:`, ...theirs.map((t) => `• ${t}`));
        about ??= p.otherId;
      }
      // A copy of someone else's words: their /delete must reach it while it waits to be sent.
      return reply(lines.join('\n'), about ? { aboutPerson: about } : {});
    },
  }),
};
