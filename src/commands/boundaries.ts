import { z } from 'zod';
import { reply } from '../ports/reply.js';
import { addBoundary, listBoundaries } from '../store/boundaries.js';
import { action, type CommandSpec } from './spec.js';

export const BOUNDARY_TEXT_MAX = 300;

export const boundaryCommand: CommandSpec = {
  name: 'boundary',
  summary: 'Write down a boundary (private unless you share it)',
  usage: ['/boundary add TEXT'],
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
  },
};

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
      if (list.length === 0) return reply('No boundaries written yet. Add one with /boundary add TEXT');
      return reply(['Your boundaries:', ...list.map((b, i) => `${i + 1}. ${b.text}${b.shared ? ' (shared)' : ''}`)].join('\n'));
    },
  }),
};
