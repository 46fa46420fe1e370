import { reply } from '../ports/reply.js';
import { boundariesCommand, boundaryCommand } from './boundaries.js';
import { checkinCommand } from './checkin.js';
import { circlesCommand } from './circles.js';
import { deleteCommand, exportCommand } from './data-rights.js';
import { goalCommand, goalsCommand } from './goals.js';
import { roleCommand, startCommand } from './onboarding.js';
import { progressCommand } from './progress.js';
import { discloseCommand } from './disclose.js';
import { fanosCommand } from './fanos.js';
import { groupCommand } from './group.js';
import { linkCommand } from './link-account.js';
import { acceptCommand, inviteCommand, linksCommand, shareCommand, unlinkCommand } from './links.js';
import { readyCommand, receiveCommand } from './partner.js';
import { pauseCommand, quietCommand, scheduleCommand, timezoneCommand } from './schedule.js';
import { sobrietyCommand } from './sobriety.js';
import { reachoutCommand, sosCommand } from './sos.js';
import { action, type CommandSpec } from './spec.js';

const helpCommand: CommandSpec = {
  name: 'help',
  summary: 'List what I can do',
  usage: ['/help'],
  where: 'anywhere',
  private: false,
  beforeRole: true,
  action: action({
    summary: 'List commands',
    options: {},
    async run() {
      return reply(helpText(), { private: false });
    },
  }),
};

/** Every command, declared once. Adapters build menus, slash commands and help from this list. */
export const COMMANDS: readonly CommandSpec[] = [
  startCommand, helpCommand, roleCommand, timezoneCommand, scheduleCommand, quietCommand,
  checkinCommand, sobrietyCommand, circlesCommand, progressCommand,
  inviteCommand, acceptCommand, linksCommand, shareCommand, unlinkCommand, receiveCommand, readyCommand, fanosCommand,
  sosCommand, reachoutCommand, discloseCommand,
  goalCommand, goalsCommand, boundaryCommand, boundariesCommand, pauseCommand, linkCommand, groupCommand,
  exportCommand, deleteCommand,
];

export const CATALOG: ReadonlyMap<string, CommandSpec> = new Map(COMMANDS.map((c) => [c.name, c]));

export function helpText(): string {
  const lines = ['Here is what I can do. Every command also works as one line, for example /checkin sober mood:4.', ''];
  for (const c of COMMANDS) lines.push(`/${c.name} — ${c.summary}`);
  lines.push('', 'Your check-ins are private. Nothing is shared unless you choose to share it.');
  return lines.join('\n');
}
