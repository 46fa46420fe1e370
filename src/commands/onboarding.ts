import { z } from 'zod';
import { codeOfPayload } from '../domain/invite-code.js';
import { COMMON_ZONES } from '../domain/local-date.js';
import { ROLE_LABEL, ROLES } from '../domain/roles.js';
import { PRIVACY_NOTICE } from '../messages/privacy.js';
import { ACCEPT_BUTTON_LABEL, roleWelcome, type SobrietyStanding } from '../messages/welcome.js';
import { reply, type Button, type Reply } from '../ports/reply.js';
import type { CommandContext } from '../services/context.js';
import { loadCounters } from '../services/counters.js';
import { reschedule } from '../services/schedule.js';
import { ensureSobrietyPeriod } from '../services/sobriety.js';
import { linksOf } from '../store/links.js';
import { updatePerson } from '../store/people.js';
import { redeemInvitation } from './links.js';
import { asFirstSteps, ROLE_BUTTONS } from './newcomer.js';
import { action, type CommandSpec } from './spec.js';

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
    async run(ctx, { payload }) {
      // A tapped invitation link: accept it, and onboard someone new around it.
      const invitation = payload ? codeOfPayload(payload) : null;
      if (invitation !== null) return asFirstSteps(ctx, await redeemInvitation(ctx, invitation, 'link'));
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
    async run(ctx, { role }): Promise<Reply | Reply[]> {
      if (!role) return reply('Which of these fits you?', { buttons: ROLE_BUTTONS });
      const first = ctx.person.role === null;
      const again = ctx.person.role === role;
      await updatePerson(ctx.deps.db, ctx.person.id, { role, awaiting: { kind: 'timezone' } });
      const sobriety = role === 'recovery' ? await sobrietyStanding(ctx) : undefined;
      await reschedule(ctx.deps, ctx.person.id, ctx.now);
      const supporting = role === 'supporter' && (await linksOf(ctx.deps.db, ctx.person.id)).some((l) => l.supporterId === ctx.person.id);
      const welcome = roleWelcome(role, { again, sobriety, supporting });
      // The time zone comes next every time, so a repeated onboarding (or a script run twice)
      // can answer it as the first one did; a button keeps the zone already set.
      const zone = first
        ? reply(`Which time zone are you in? Pick one, or send its name (for example /timezone Europe/Berlin). Your check-in comes at your local time. (Now: ${ctx.person.timezone})`, {
          buttons: zoneButtons(),
        })
        : reply(`Your time zone is ${ctx.person.timezone}. Keep it, or pick or send another:`, {
          buttons: [[{ label: `Keep ${ctx.person.timezone}`, command: `/timezone ${ctx.person.timezone}` }], ...zoneButtons()],
        });
      // A supporter who still waits for an invitation can accept it in one tap.
      if (role === 'supporter' && !supporting) {
        return [reply(welcome, { buttons: [[{ label: ACCEPT_BUTTON_LABEL, command: '/accept' }]] }), zone];
      }
      return reply(`${welcome}\n\n${zone.text}`, { buttons: zone.buttons });
    },
  }),
};

/** The counter of someone (again) in recovery, as it truly stands: started today, or running since their date. */
async function sobrietyStanding(ctx: CommandContext): Promise<SobrietyStanding> {
  await ensureSobrietyPeriod(ctx.deps, ctx.person.id, ctx.today, ctx.now);
  const s = (await loadCounters(ctx.deps, { ...ctx.person, role: 'recovery' }, ctx.today)).sobriety;
  if (!s?.currentStart || s.currentStart >= ctx.today) return { startsToday: true };
  return { startsToday: false, since: s.currentStart, days: s.current ?? 0 };
}
