import { z } from 'zod';
import { CIRCLE_LABEL, CIRCLES, type Circle } from '../domain/circles.js';
import { reply } from '../ports/reply.js';
import { addCircleEntry, clearCircle, listCircles } from '../store/circles.js';
import type { CommandContext } from '../services/context.js';
import { action, type Action, type CommandSpec } from './spec.js';

export const CIRCLE_TEXT_MAX = 300;

const text = {
  description: 'What belongs in this circle',
  schema: z.string().trim().min(1).max(CIRCLE_TEXT_MAX),
  expected: `a short description of up to ${CIRCLE_TEXT_MAX} characters`,
  positional: true,
  rest: true,
  required: true,
} as const;

function addTo(circle: Circle): Action {
  return action({
    summary: `Add to your ${circle} circle`,
    options: { text },
    async run(ctx, args) {
      await addCircleEntry(ctx.deps.db, ctx.deps.seal, ctx.person.id, { circle, text: args.text }, ctx.now);
      return reply(`Added to your ${circle} circle. See all three with /circles.`);
    },
  });
}

async function show(ctx: CommandContext) {
  const entries = await listCircles(ctx.deps.db, ctx.deps.seal, ctx.person.id);
  if (entries.length === 0) {
    return reply([
      'Your three circles are yours to define, ideally with your sponsor or therapist:',
      '• inner: acts that would be a relapse for you — /circles inner TEXT',
      '• middle: slippery, warning-sign behaviour — /circles middle TEXT',
      '• outer: healthy things that help you — /circles outer TEXT',
    ].join('\n'));
  }
  const lines: string[] = [];
  for (const c of CIRCLES) {
    const mine = entries.filter((e) => e.circle === c);
    lines.push(CIRCLE_LABEL[c]);
    lines.push(...(mine.length ? mine.map((e) => `  • ${e.text}`) : ['  (nothing yet)']));
  }
  return reply(lines.join('\n'));
}

export const circlesCommand: CommandSpec = {
  name: 'circles',
  summary: 'Define your inner, middle and outer circles',
  usage: ['/circles', '/circles inner TEXT', '/circles middle TEXT', '/circles outer TEXT', '/circles clear middle'],
  where: 'anywhere',
  private: true,
  defaultSub: 'show',
  subcommands: {
    show: action({ summary: 'Show your circles', options: {}, run: show }),
    inner: addTo('inner'),
    middle: addTo('middle'),
    outer: addTo('outer'),
    clear: action({
      summary: 'Empty one circle',
      options: { circle: { description: 'inner, middle or outer', schema: z.enum(CIRCLES), expected: 'inner, middle or outer', positional: true, required: true } },
      async run(ctx, { circle }) {
        const n = await clearCircle(ctx.deps.db, ctx.person.id, circle);
        return reply(n > 0 ? `Your ${circle} circle is empty now.` : `Your ${circle} circle was already empty.`);
      },
    }),
  },
};
