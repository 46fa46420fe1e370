import { PRIVACY_NOTICE } from '../messages/privacy.js';
import { ROLE_AFTER_INVITATION } from '../messages/welcome.js';
import { reply, type Button, type Reply } from '../ports/reply.js';
import type { CommandContext } from '../services/context.js';

export const ROLE_BUTTONS: Button[][] = [
  [{ label: "I'm in recovery", command: '/role recovery' }],
  [{ label: "I'm a partner healing from betrayal", command: '/role partner' }],
  [{ label: "I'm a sponsor, coach or accountability partner", command: '/role supporter' }],
];

/**
 * Someone whose first step here is an invitation (a tapped link, or /accept typed before
 * /start) still meets the bot the way /start would have it: the privacy notice first, then
 * the invitation's answer, then their own role (and, once chosen, their time zone).
 * Everyone else gets the invitation's answer alone.
 */
export function asFirstSteps(ctx: CommandContext, answer: Reply): Reply[] {
  if (ctx.person.role !== null) return [answer];
  return [reply(PRIVACY_NOTICE), answer, reply(ROLE_AFTER_INVITATION, { buttons: ROLE_BUTTONS })];
}
