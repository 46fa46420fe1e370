import { reply } from '../ports/reply.js';
import { releaseHeldNews } from '../services/share-checkin.js';
import { action, type CommandSpec } from './spec.js';

export const discloseCommand: CommandSpec = {
  name: 'disclose',
  summary: 'After a relapse: let your supporters know now, instead of in 24 hours',
  usage: ['/disclose'],
  where: 'anywhere',
  private: true,
  action: action({
    summary: 'Share relapse news now',
    options: {},
    async run(ctx) {
      const n = await releaseHeldNews(ctx);
      return reply(n > 0
        ? 'I am letting them know now. Telling the truth is hard and brave. Consider reaching out to your sponsor yourself too.'
        : 'There is no news waiting to be shared.');
    },
  }),
};
