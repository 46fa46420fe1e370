import type { Telegram } from 'telegraf';
import type { BotCommand, BotCommandScope } from 'telegraf/types';
import type { CommandSpec, Log } from '../../src/index.js';

const NAME = /^[a-z0-9_]{1,32}$/;
const DESCRIPTION_MAX = 256;
const COMMANDS_MAX = 100;

/** The command menu for private chats or for groups, straight from the core's catalog. */
export function menuFor(commands: readonly CommandSpec[], where: 'dm' | 'group'): BotCommand[] {
  return commands
    .filter((c) => (where === 'dm' ? c.where !== 'group-only' : c.where !== 'dm-only'))
    .filter((c) => NAME.test(c.name))
    .map((c) => ({ command: c.name, description: shorten(c.summary.trim() || c.name, DESCRIPTION_MAX) }))
    .slice(0, COMMANDS_MAX);
}

function shorten(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`;
}

const SCOPES: { where: 'dm' | 'group'; scope: BotCommandScope }[] = [
  { where: 'dm', scope: { type: 'all_private_chats' } },
  { where: 'group', scope: { type: 'all_group_chats' } },
];

/**
 * Publishes the menus; a menu Telegram already shows is not written again. A failure is
 * logged and tried again at the next start: the menu is a convenience, commands work without it.
 */
export async function publishMenu(telegram: Telegram, commands: readonly CommandSpec[], log: Log): Promise<void> {
  for (const c of commands) {
    if (!NAME.test(c.name)) log.error({ event: 'telegram-menu', command: c.name }, 'command name not allowed in a Telegram menu; left out');
  }
  for (const { where, scope } of SCOPES) {
    const want = menuFor(commands, where);
    try {
      const have = await telegram.getMyCommands({ scope });
      if (sameMenu(have, want)) continue;
      await telegram.setMyCommands(want, { scope });
      log.info({ event: 'telegram-menu', scope: scope.type, commands: want.length }, 'command menu published');
    } catch (e) {
      log.warn({ event: 'telegram-menu', scope: scope.type, err: (e as Error).message }, 'could not publish the command menu');
    }
  }
}

function sameMenu(a: readonly BotCommand[], b: readonly BotCommand[]): boolean {
  return a.length === b.length && a.every((c, i) => c.command === b[i]!.command && c.description === b[i]!.description);
}
