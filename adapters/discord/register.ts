import { pathToFileURL } from 'node:url';
import { REST, Routes } from 'discord.js';
import { describeDiff, diffCommands, type CommandDiff } from './command-diff.js';
import { slashCommands } from './commands.js';
import { loadDiscordConfig, restOptions, type DiscordConfig } from './config.js';
import { COMMANDS, ConfigError, loadDotEnv } from '../../src/index.js';

interface RegisterOptions {
  /** Remove them, e.g. a development server's copies once they are registered globally. */
  clear?: boolean;
}

function target(config: DiscordConfig, opts: RegisterOptions) {
  return {
    client: new REST(restOptions(config)).setToken(config.token),
    body: opts.clear ? [] : slashCommands(COMMANDS),
    route: config.guildId
      ? Routes.applicationGuildCommands(config.applicationId, config.guildId)
      : Routes.applicationCommands(config.applicationId),
    scope: config.guildId ? `server ${config.guildId}` : 'global',
  };
}

/**
 * Replaces the application's slash commands with the catalog's: globally, or on one server
 * when DISCORD_GUILD_ID is set (instant there, so it suits development).
 */
export async function registerCommands(config: DiscordConfig, opts: RegisterOptions = {}): Promise<{ count: number; scope: string }> {
  const { client, body, route, scope } = target(config, opts);
  await client.put(route, { body });
  return { count: body.length, scope };
}

/** What registering would change, read from Discord without writing anything. */
export async function previewRegistration(config: DiscordConfig, opts: RegisterOptions = {}): Promise<{ diff: CommandDiff; scope: string }> {
  const { client, body, route, scope } = target(config, opts);
  const current = await client.get(route) as unknown[];
  return { diff: diffCommands(current, body, { guild: config.guildId !== null }), scope };
}

async function main(): Promise<void> {
  loadDotEnv();
  const config = loadDiscordConfig();
  if (!config) throw new ConfigError('DISCORD_TOKEN: expected the bot token (and DISCORD_APPLICATION_ID) to register commands');
  const opts = { clear: process.argv.includes('--clear') };
  if (process.argv.includes('--diff')) {
    const { diff, scope } = await previewRegistration(config, opts);
    process.stdout.write(`${describeDiff(diff, scope)}\n`);
    return;
  }
  const { count, scope } = await registerCommands(config, opts);
  process.stdout.write(`Registered ${count} slash commands (${scope}).\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    const what = process.argv.includes('--diff') ? 'Reading the registered commands' : 'Registering commands';
    process.stderr.write(`${what} failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
