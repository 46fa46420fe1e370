import { reply } from '../ports/reply.js';
import { buildProgress } from '../services/progress.js';
import { action, type CommandSpec } from './spec.js';

export const progressCommand: CommandSpec = {
  name: 'progress',
  summary: 'Your counters, next milestone, 30-day check-in rate, a calendar of recent weeks and a chart',
  usage: ['/progress'],
  where: 'anywhere',
  private: true,
  action: action({
    summary: 'Show your progress',
    options: {},
    async run(ctx) {
      const p = await buildProgress(ctx.deps, ctx.person, ctx.today, ctx.now);
      return reply(p.text, {
        attachment: { kind: 'image', filename: `progress-${ctx.today}.png`, data: p.png, alt: 'Your progress: counters and a calendar of recent weeks' },
      });
    },
  }),
};
