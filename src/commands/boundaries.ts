import { z } from 'zod';
import { reply } from '../ports/reply.js';
import { addBoundary, listBoundaries, setBoundaryShared } from '../store/boundaries.js';
import { myLinks } from '../services/links.js';
import { action, type CommandSpec } from './spec.js';

export const BOUNDARY_TEXT_MAX = 300;

export const boundaryCommand: CommandSpec = {
  name: 'boundary',
  summary: 'Write down a boundary (private unless you share it)',
  usage: ['/boundary add TEXT', '/boundary share 2', '/boundary private 2'],
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

/**
 * Sharing a boundary makes it visible to a linked partner when they look (/boundaries);
 * it is never pushed to them, since a partner receives only what they asked for.
 */
function shareAction(shared: boolean) {
  return action({
    summary: shared ? 'Let your linked partner see a boundary' : 'Make a boundary private again',
    options: { n: { description: 'The boundary number from /boundaries', schema: z.coerce.number().int().min(1).max(1000), expected: 'the boundary number shown by /boundaries', positional: true, required: true } },
    async run(ctx, { n }) {
      const list = await listBoundaries(ctx.deps.db, ctx.deps.seal, ctx.person.id);
      const b = list[n - 1];
      if (!b) return reply(list.length ? `There is no boundary ${n}; you have ${list.length}. See /boundaries.` : 'You have no boundaries yet: /boundary add TEXT');
      await setBoundaryShared(ctx.deps.db, b.id, shared);
      return reply(shared
        ? `Boundary ${n} is shared: a partner linked with you can see it in their /boundaries. It is not sent to them.`
        : `Boundary ${n} is private again.`);
    },
  });
}

export const boundariesCommand: CommandSpec = {
  name: 'boundaries',
  summary: 'List your boundaries',
  usage: ['/boundaries'],
  where: 'anywhere',
  private: true,
  beforeRole: true,
  action: action({
    summary: 'List your boundaries',
    options: {},
    async run(ctx) {
      const list = await listBoundaries(ctx.deps.db, ctx.deps.seal, ctx.person.id);
      const lines = list.length === 0
        ? ['No boundaries written yet. Add one with /boundary add TEXT']
        : ['Your boundaries:', ...list.map((b, i) => `${i + 1}. ${b.text}${b.shared ? ' (shared with your partner)' : ''}`)];
      // Boundaries a linked person chose to share with the caller as their partner.
      for (const l of await myLinks(ctx)) {
        if (l.side !== 'supporting' || l.link.relation !== 'partner') continue;
        const theirs = (await listBoundaries(ctx.deps.db, ctx.deps.seal, l.otherId)).filter((b) => b.shared);
        if (theirs.length > 0) lines.push('', `Shared with you by ${l.otherName}:`, ...theirs.map((b) => `• ${b.text}`));
      }
      return reply(lines.join('\n'));
    },
  }),
};
