import { parseLocalDate } from '../domain/local-date.js';
import { checkSobrietyDate } from '../domain/sobriety.js';
import { describeDays } from '../domain/milestones.js';
import { shortDate } from '../messages/format.js';
import { reply } from '../ports/reply.js';
import { loadCounters } from '../services/counters.js';
import { celebrateMilestones } from '../services/milestones.js';
import { ensureSobrietyPeriod } from '../services/sobriety.js';
import { listPeriods, setCurrentStart } from '../store/sobriety-periods.js';
import { parsedBy } from './parsed-schema.js';
import { action, type CommandSpec } from './spec.js';

export const sobrietyCommand: CommandSpec = {
  name: 'sobriety',
  summary: 'Set your sobriety date (it may lie in the past)',
  usage: ['/sobriety 2026-01-31', '/sobriety'],
  where: 'anywhere',
  private: true,
  action: action({
    summary: 'Set your sobriety date',
    options: {
      date: {
        description: 'Your sobriety date, YYYY-MM-DD',
        schema: parsedBy(parseLocalDate),
        expected: 'a date written YYYY-MM-DD, such as 2026-01-31',
        positional: true,
      },
    },
    async run(ctx, { date }) {
      if (ctx.person.role !== 'recovery') {
        return reply('The sobriety counter is for people in recovery. If that is you, choose /role recovery first.');
      }
      await ensureSobrietyPeriod(ctx.deps, ctx.person.id, ctx.today, ctx.now);
      if (!date) {
        const c = await loadCounters(ctx.deps, ctx.person, ctx.today);
        const s = c.sobriety!;
        return reply(`Your sobriety date is ${s.currentStart} (${describeDays(s.current ?? 0)}). Set an earlier one with /sobriety YYYY-MM-DD.`);
      }
      const problem = checkSobrietyDate(date, await listPeriods(ctx.deps.db, ctx.person.id), ctx.today);
      if (problem?.kind === 'in-future') {
        return reply(`That date is in the future. Please give a date up to today (${ctx.today}), written YYYY-MM-DD.`);
      }
      if (problem?.kind === 'before-last-relapse') {
        return reply(`You recorded a new start on ${shortDate(problem.lastRelapse)}, so your sobriety date can be ${problem.lastRelapse} or later. Your earlier sober days still count in your total.`);
      }
      await setCurrentStart(ctx.deps.db, ctx.person.id, date);
      const counters = await loadCounters(ctx.deps, ctx.person, ctx.today);
      const lines = [`Your sobriety date is now ${date}: ${describeDays(counters.sobriety?.current ?? 0)} sober.`];
      for (const cel of await celebrateMilestones(ctx.deps, ctx.person, counters, ctx.now)) lines.push('', cel.text);
      return reply(lines.join('\n'));
    },
  }),
};
