import { z } from 'zod';
import { nextGroupTimes, ROLLCALL_TIME } from '../domain/group-times.js';
import { parseTimeOfDay, type TimeOfDay } from '../domain/time-of-day.js';
import { reply, type Reply } from '../ports/reply.js';
import { getGroup, groupsOf, joinGroup, leaveGroup, saveGroup, setMemberConsent } from '../store/groups.js';
import type { CommandContext } from '../services/context.js';
import { action, type CommandSpec } from './spec.js';

const titleOf = (g: { title: string | null }) => (g.title ? `“${g.title}”` : 'the group');

const onOff = { description: 'on or off', schema: z.enum(['on', 'off']), expected: 'on or off', positional: true, required: true } as const;

async function requireGroup(ctx: CommandContext): Promise<Reply | null> {
  if (ctx.chat.kind !== 'group') return reply('This works in a group chat.');
  if (!(await getGroup(ctx.deps.db, ctx.chat.id))) return reply('This chat is not an accountability group yet. A group admin can start one with /group setup 20:00.', { private: false });
  return null;
}

/**
 * A member's own consent in one group. It may be given in a private chat (the buttons
 * under the private welcome carry the group's id); it only ever changes the sender's own membership.
 */
function consentAction(what: 'named' | 'celebrate', yes: string, no: string) {
  return action({
    summary: what === 'named' ? 'Be named in the roll call, or not' : 'Have milestones celebrated here, or not',
    options: {
      value: onOff,
      group: { description: 'Which group (when used in a private chat)', schema: z.string().trim().min(3).max(80), expected: 'a group id', positional: true },
    },
    async run(ctx, { value, group }) {
      const groupId = ctx.chat.kind === 'group' ? ctx.chat.id : group;
      if (!groupId) return reply('Use this in the group, or with the buttons I sent when you joined.');
      const ok = await setMemberConsent(ctx.deps.db, groupId, ctx.person.id, { [what]: value === 'on' });
      return reply(ok ? (value === 'on' ? yes : no) : 'Join the group first with /group join, in the group.');
    },
  });
}

export const groupCommand: CommandSpec = {
  name: 'group',
  summary: 'Accountability groups: set up (admins), join, leave, choose to be named or celebrated there',
  usage: ['/group setup 20:00', '/group join', '/group leave', '/group name on', '/group celebrate on'],
  // setup, join and leave check for a group themselves; consent buttons also work in a private chat.
  where: 'anywhere',
  private: false,
  beforeRole: true,
  subcommands: {
    setup: action({
      summary: 'Make this chat an accountability group (admins)',
      needsGroupAdmin: true,
      options: { time: { description: 'Daily group prompt time, like 20:00', schema: z.string().trim().max(10), expected: 'a time like 20:00', positional: true } },
      async run(ctx, { time }) {
        if (ctx.chat.kind !== 'group') return reply('Send /group setup in the group chat you want to set up.');
        if (!ctx.senderIsGroupAdmin) return reply('Only an admin of this group can set it up.');
        const promptTime = time ? parseTimeOfDay(time) : ('20:00' as TimeOfDay);
        if (!promptTime) return reply('I need a time like 20:00 for the daily group prompt, for example /group setup 20:00.', { private: false });
        const g = { id: ctx.chat.id, title: ctx.chat.title ?? null, timezone: ctx.person.timezone, promptTime };
        await saveGroup(ctx.deps.db, { ...g, createdBy: ctx.person.id, ...nextGroupTimes(g, ctx.now) }, ctx.now);
        return reply([
          `This is now an accountability group. Daily prompt at ${promptTime} (${g.timezone}); a roll call at ${ROLLCALL_TIME}.`,
          'Members opt in with /group join. Check-ins stay private: the group only ever sees how many checked in, and the names of those who agreed to be named.',
        ].join('\n'), { private: false });
      },
    }),
    join: action({
      summary: 'Join this group',
      options: {},
      async run(ctx) {
        const problem = await requireGroup(ctx);
        if (problem) return problem;
        const fresh = await joinGroup(ctx.deps.db, ctx.chat.id, ctx.person.id, ctx.now);
        return reply(fresh
          ? 'Welcome. You count in the roll call; your check-ins stay private. Choose whether your name may appear in the roll call and whether milestones are celebrated here:'
          : 'You are already in this group.', {
          buttons: fresh ? [[
            { label: 'Name me in the roll call', command: `/group name on ${ctx.chat.id}` },
            { label: 'Celebrate my milestones there', command: `/group celebrate on ${ctx.chat.id}` },
          ]] : undefined,
        });
      },
    }),
    leave: action({
      summary: 'Leave a group (here, or choose one in a private chat)',
      options: {
        group: { description: 'Which group (when used in a private chat)', schema: z.string().trim().min(3).max(80), expected: 'a group from the buttons of /group leave', positional: true },
      },
      async run(ctx, { group }) {
        if (ctx.chat.kind === 'group') {
          const left = await leaveGroup(ctx.deps.db, ctx.chat.id, ctx.person.id);
          return reply(left ? 'You have left this group. Your own check-ins carry on as before.' : 'You were not in this group.');
        }
        const mine = await groupsOf(ctx.deps.db, ctx.person.id);
        const chosen = group ? mine.find((g) => g.id === group) : undefined;
        if (chosen) {
          await leaveGroup(ctx.deps.db, chosen.id, ctx.person.id);
          return reply(`You have left ${titleOf(chosen)}. It no longer counts you in its roll call; your own check-ins carry on as before.`);
        }
        if (mine.length === 0) return reply('You are not in any accountability group.');
        return reply(group ? 'You are not in that group. Which one do you want to leave?' : 'Which group do you want to leave?', {
          buttons: mine.map((g) => [{ label: `Leave ${titleOf(g)}`, command: `/group leave ${g.id}` }]),
        });
      },
    }),
    name: consentAction('named',
      'Your name will appear in the roll call on days you check in (on other days it is simply not there, which the group may notice).',
      'Your name will not appear in the roll call, and the roll call never shows whether you checked in.'),
    celebrate: consentAction('celebrate', 'Your milestones will be celebrated in this group.', 'Your milestones stay private from this group.'),
  },
};
