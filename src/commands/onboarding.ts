import { z } from 'zod';
import { COMMON_ZONES } from '../domain/local-date.js';
import { ROLE_LABEL, ROLES, type Role } from '../domain/roles.js';
import { PRIVACY_NOTICE } from '../messages/privacy.js';
import { reply, type Button, type Reply } from '../ports/reply.js';
import { reschedule } from '../services/schedule.js';
import { ensureSobrietyPeriod } from '../services/sobriety.js';
import { updatePerson } from '../store/people.js';
import { action, type CommandSpec } from './spec.js';

const ROLE_BUTTONS: Button[][] = [
  [{ label: "I'm in recovery", command: '/role recovery' }],
  [{ label: "I'm a partner healing from betrayal", command: '/role partner' }],
  [{ label: "I'm a sponsor, coach or accountability partner", command: '/role supporter' }],
];

/** The zones offered as buttons during onboarding; any IANA name can also be typed. */
export function zoneButtons(): Button[][] {
  const rows: Button[][] = [];
  const zones = COMMON_ZONES.slice(0, 12);
  for (let i = 0; i < zones.length; i += 3) rows.push(zones.slice(i, i + 3).map((z) => ({ label: z, command: `/timezone ${z}` })));
  rows.push([{ label: 'Another zone (type it)', command: '/timezone' }]);
  return rows;
}

export const startCommand: CommandSpec = {
  name: 'start',
  summary: 'Start here: privacy, your role, time zone and check-in time',
  usage: ['/start'],
  where: 'anywhere',
  private: true,
  beforeRole: true,
  action: action({
    summary: 'Start here',
    options: {
      // A deep link's start parameter (`https://t.me/<bot>?start=…`) arrives as `/start PAYLOAD`.
      payload: { description: 'What a start link carries', schema: z.string().trim().max(64), expected: 'what the start link carried', positional: true, hidden: true },
    },
    async run(ctx) {
      const roleLine = ctx.person.role
        ? `You are set up as ${ROLE_LABEL[ctx.person.role]}. Change it any time:`
        : 'First, which of these fits you? (You can change it later.)';
      return reply(`${PRIVACY_NOTICE}\n\n${roleLine}`, { buttons: ROLE_BUTTONS });
    },
  }),
};

export const roleCommand: CommandSpec = {
  name: 'role',
  summary: 'Say whether you are in recovery, a partner, or a supporter',
  usage: ['/role recovery', '/role partner', '/role supporter'],
  where: 'anywhere',
  private: true,
  beforeRole: true,
  action: action({
    summary: 'Choose your role',
    options: {
      role: { description: 'recovery, partner or supporter', schema: z.enum(ROLES), expected: 'recovery, partner or supporter', positional: true },
    },
    async run(ctx, { role }): Promise<Reply> {
      if (!role) return reply('Which of these fits you?', { buttons: ROLE_BUTTONS });
      const first = ctx.person.role === null;
      // A supporter is offered a daily check-in of their own (after the time zone), never enrolled in one silently.
      await updatePerson(ctx.deps.db, ctx.person.id, first && role === 'supporter' ? { role, promptTime: null } : { role });
      if (role === 'recovery') await ensureSobrietyPeriod(ctx.deps, ctx.person.id, ctx.today, ctx.now);
      await reschedule(ctx.deps, ctx.person.id, ctx.now);
      const text = `Thank you. You're set up as ${ROLE_LABEL[role]}.\n${roleIntro(role)}`;
      if (!first) return reply(text);
      await updatePerson(ctx.deps.db, ctx.person.id, { awaiting: { kind: 'timezone' } });
      return reply(`${text}\n\nWhich time zone are you in? Pick one, or send its name (for example /timezone Europe/Berlin). Your check-in comes at your local time. (Now: ${ctx.person.timezone})`, {
        buttons: zoneButtons(),
      });
    },
  }),
};

function roleIntro(role: Role): string {
  switch (role) {
    case 'recovery':
      return 'Your sobriety counter starts today. If you have been sober longer, set your date with /sobriety YYYY-MM-DD. Define your circles with /circles.';
    case 'partner':
      return 'This space is for your own healing. Your check-ins are about you — never a report about anyone else.';
    case 'supporter':
      return 'When someone invites you, accept with /accept CODE. You can also keep your own check-ins here.';
  }
}
