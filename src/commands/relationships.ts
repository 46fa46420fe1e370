import { reply } from '../ports/reply.js';
import { action, type CommandSpec } from './spec.js';

/*
 * Linking, sharing and groups are declared here so every platform's menu and help are
 * complete; their behaviour arrives with the relationships layer. Until then each says
 * so plainly instead of pretending.
 */
const notYet = (what: string) => action({
  summary: what,
  options: {},
  async run() {
    return reply(`${what} is not available on this Steadfast server yet. Your own check-ins, counters, goals and boundaries all work; see /help.`);
  },
});

function declared(name: string, summary: string, usage: string[], where: CommandSpec['where'] = 'anywhere'): CommandSpec {
  return { name, summary, usage, where, private: true, beforeRole: true, action: notYet(summary.split(':')[0]!) };
}

export const inviteCommand = declared('invite', 'Invite a sponsor, partner or coach: get a one-time code', ['/invite sponsor', '/invite partner', '/invite coach']);
export const acceptCommand = declared('accept', 'Accept an invitation code someone gave you', ['/accept CODE']);
export const linksCommand = declared('links', 'List the people you are linked with', ['/links']);
export const shareCommand = declared('share', 'Choose what a supporter receives', ['/share NAME alerts,sos,milestones,status']);
export const unlinkCommand = declared('unlink', 'End a link with someone', ['/unlink NAME']);
export const readyCommand = declared('ready', 'Partners: open (or close) shared couple features', ['/ready', '/ready off']);
export const linkCommand = declared('link', 'Join this account to your Steadfast on another platform', ['/link', '/link CODE']);
export const groupCommand = declared('group', 'Accountability groups: set up, join or leave', ['/group setup 20:00', '/group join', '/group leave']);
