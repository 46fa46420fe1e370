import { z } from 'zod';
import { reply } from '../ports/reply.js';
import { deletePerson, exportPersonRows } from '../store/person-data.js';
import { action, type CommandSpec } from './spec.js';
import { displayNameOf, linksOf } from '../store/links.js';
import { notifyPerson } from '../services/notify.js';

export const exportCommand: CommandSpec = {
  name: 'export',
  summary: 'Get everything I store about you, as a JSON file',
  usage: ['/export'],
  where: 'dm-only',
  private: true,
  beforeRole: true,
  action: action({
    summary: 'Export your data',
    options: {},
    async run(ctx) {
      const data = { exportedAt: ctx.now.toISOString(), format: 'steadfast-export-1', ...(await exportPersonRows(ctx.deps.db, ctx.deps.seal, ctx.person.id)) };
      const json = new TextEncoder().encode(JSON.stringify(data, null, 2));
      return reply('Here is everything I store about you. Keep the file somewhere safe: it holds your private notes.', {
        attachment: { kind: 'file', filename: `steadfast-export-${ctx.today}.json`, mime: 'application/json', data: json },
      });
    },
  }),
};

export const deleteCommand: CommandSpec = {
  name: 'delete',
  summary: 'Erase everything I store about you (asks to confirm)',
  usage: ['/delete', '/delete confirm'],
  where: 'dm-only',
  private: true,
  beforeRole: true,
  action: action({
    summary: 'Erase your data',
    options: {
      confirm: { description: 'Type confirm to erase everything', schema: z.enum(['confirm']), expected: 'the word confirm', positional: true },
    },
    async run(ctx, { confirm }) {
      if (!confirm) {
        return reply('This erases everything I store about you — check-ins, counters, notes, goals, boundaries, circles — and cannot be undone. You may want /export first.\nTo go ahead, send /delete confirm.', {
          buttons: [[{ label: 'Yes, erase everything', command: '/delete confirm' }]],
        });
      }
      // Each linked person is told only that the link ended; nothing else of theirs leaks.
      const name = await displayNameOf(ctx.deps.db, ctx.person.id);
      for (const l of await linksOf(ctx.deps.db, ctx.person.id)) {
        const other = l.personId === ctx.person.id ? l.supporterId : l.personId;
        await notifyPerson(ctx.deps, other, `link:${l.id}:ended`, `Your link with ${name} has ended.`, ctx.now);
      }
      const erased = await deletePerson(ctx.deps.db, ctx.person.id);
      await ctx.deps.personFiles?.erase(erased.accounts);
      ctx.deps.log.info({ event: 'person-deleted' }, 'a person erased their data');
      return reply('Everything is erased. Take care of yourself. If you ever want to come back, send /start.');
    },
  }),
};
