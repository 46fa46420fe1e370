import { pathToFileURL } from 'node:url';
import { REST, Routes } from 'discord.js';
import { slashCommands } from './commands.js';
import { loadDiscordConfig, restOptions, type DiscordConfig } from './config.js';
import { COMMANDS, ConfigError, loadDotEnv } from '../../src/index.js';

/**
 * Replaces the application's slash commands with the catalog's: globally, or on one server
 * when DISCORD_GUILD_ID is set (instant there, so it suits development).
 */
export async function registerCommands(config: DiscordConfig, opts: { clear?: boolean } = {}): Promise<{ count: number; scope: string }> {
  const client = new REST(restOptions(config)).setToken(config.token);
  // `--clear` removes them, e.g. a development server's copies once they are registered globally.
  const body = opts.clear ? [] : slashCommands(COMMANDS);
  const route = config.guildId
    ? Routes.applicationGuildCommands(config.applicationId, config.guildId)
    : Routes.applicationCommands(config.applicationId);
  await client.put(route, { body });
  return { count: body.length, scope: config.guildId ? `server ${config.guildId}` : 'global' };
}

async function main(): Promise<void> {
  loadDotEnv();
  const config = loadDiscordConfig();
  if (!config) throw new ConfigError('DISCORD_TOKEN: expected the bot token (and DISCORD_APPLICATION_ID) to register commands');
  const { count, scope } = await registerCommands(config, { clear: process.argv.includes('--clear') });
  process.stdout.write(`Registered ${count} slash commands (${scope}).\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    process.stderr.write(`Registering commands failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
