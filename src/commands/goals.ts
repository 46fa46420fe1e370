import { z } from 'zod';
import { parseLocalDate, type LocalDate } from '../domain/local-date.js';
import { shortDate } from '../messages/format.js';
import { reply } from '../ports/reply.js';
import { addGoal, listGoals, markGoalDone } from '../store/goals.js';
import type { CommandContext } from '../services/context.js';
import { parsedBy } from './parsed-schema.js';
import { action, type CommandSpec } from './spec.js';

export const GOAL_TEXT_MAX = 300;

const dateSchema = parsedBy(parseLocalDate);

/** "Call my sponsor weekly by 2026-12-31": a trailing "by DATE" is the due date. */
function splitDue(text: string): { text: string; due: LocalDate | null } | null {
  const m = /^(.*\S)\s+by\s+(\S+)$/i.exec(text);
  if (!m) return { text, due: null };
  const due = parseLocalDate(m[2]!);
  return due ? { text: m[1]!, due } : null;
}

async function showGoals(ctx: CommandContext) {
  const goals = await listGoals(ctx.deps.db, ctx.deps.seal, ctx.person.id);
  if (goals.length === 0) return reply('No goals yet. Small, realistic steps work best: /goal add Call my sponsor twice this week');
  const lines = goals.map((g, i) => {
    const due = g.due ? ` (by ${shortDate(g.due)})` : '';
    return `${i + 1}. ${g.doneAt ? '✓ ' : ''}${g.text}${due}`;
  });
  return reply(['Your goals:', ...lines, '', 'Mark one done with /goal done N.'].join('\n'));
}

export const goalCommand: CommandSpec = {
  name: 'goal',
  summary: 'Set a small, realistic goal, or mark one done',
  usage: ['/goal add TEXT by 2026-12-31', '/goal done 2'],
  where: 'anywhere',
  private: true,
  beforeRole: true,
  subcommands: {
    add: action({
      summary: 'Add a goal',
      options: {
        text: { description: 'The goal', schema: z.string().trim().min(1).max(GOAL_TEXT_MAX), expected: `a goal of up to ${GOAL_TEXT_MAX} characters`, positional: true, rest: true, required: true },
        by: { description: 'Due date, YYYY-MM-DD', schema: dateSchema, expected: 'a date written YYYY-MM-DD' },
      },
      async run(ctx, args) {
        const split = args.by ? { text: args.text, due: args.by } : splitDue(args.text);
        if (!split) return reply('The date after "by" should be written YYYY-MM-DD, for example /goal add Read step one by 2026-12-31');
        if (split.due && split.due < ctx.today) return reply(`That date has passed. Please choose today (${ctx.today}) or later.`);
        await addGoal(ctx.deps.db, ctx.deps.seal, ctx.person.id, split.text, split.due, ctx.now);
        const n = (await listGoals(ctx.deps.db, ctx.deps.seal, ctx.person.id)).length;
        return reply(`Goal ${n} set${split.due ? `, by ${shortDate(split.due)}` : ''}. Small steps count.`);
      },
    }),
    done: action({
      summary: 'Mark a goal done',
      options: {
        n: { description: 'The goal number from /goals', schema: z.coerce.number().int().min(1).max(1000), expected: 'the goal number shown by /goals', positional: true, required: true },
      },
      async run(ctx, { n }) {
        const goals = await listGoals(ctx.deps.db, ctx.deps.seal, ctx.person.id);
        const goal = goals[n - 1];
        if (!goal) return reply(goals.length ? `There is no goal ${n}; you have ${goals.length}. See them with /goals.` : 'You have no goals yet: /goal add TEXT');
        if (goal.doneAt) return reply(`Goal ${n} is already done. Well done, again.`);
        await markGoalDone(ctx.deps.db, goal.id, ctx.now);
        return reply(`🎉 Goal ${n} done. That is real progress; take a moment to notice it.`);
      },
    }),
  },
};

export const goalsCommand: CommandSpec = {
  name: 'goals',
  summary: 'List your goals',
  usage: ['/goals'],
  where: 'anywhere',
  private: true,
  beforeRole: true,
  action: action({ summary: 'List your goals', options: {}, run: showGoals }),
};
