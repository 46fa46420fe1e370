import { Client, Events, GatewayIntentBits, Partials } from 'discord.js';
import { restOptions, type DiscordConfig } from './config.js';
import { isSupportedContext, onInteraction } from './interactions.js';
import { NO_MENTIONS } from './render.js';
import type { Core, Log } from '../../src/index.js';

export interface DiscordDeps {
  core: Pick<Core, 'handle' | 'plan' | 'formAnswer' | 'suggest' | 'commands'>;
  log: Log;
  config: DiscordConfig;
}

export interface DiscordBot {
  readonly client: Client;
  /** Resolves when every interaction already received has been answered. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Connects to the gateway and answers interactions. Only the Guilds intent: everything is
 * slash commands, buttons and forms, so no message content is ever received.
 */
export async function startDiscord(deps: DiscordDeps): Promise<DiscordBot> {
  const { log, config } = deps;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    // Lets interactions in DMs arrive from people the bot has not talked to since it started.
    partials: [Partials.Channel],
    // One process, as many shards as Discord recommends (see README: sharding).
    shards: 'auto',
    rest: restOptions(config),
    allowedMentions: NO_MENTIONS,
  });
  const inFlight = new Set<Promise<void>>();
  const handlerDeps = { core: deps.core, log };

  client.on(Events.InteractionCreate, (interaction) => {
    if (!isSupportedContext(interaction)) return;
    const p = onInteraction(interaction, handlerDeps).catch((e: unknown) => {
      log.error({ event: 'interaction-error', err: (e as Error).message.slice(0, 200) }, 'answering an interaction failed');
    });
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  });
  client.on(Events.Error, (e) => log.error({ event: 'discord-error', err: e.message }, 'discord client error'));
  client.on(Events.Warn, (message) => log.warn({ event: 'discord-warning', detail: message }, 'discord client warning'));
  client.on(Events.ShardDisconnect, (_e, shard) => log.warn({ event: 'discord-disconnect', shard }, 'gateway shard disconnected for good'));

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(config.token);
  await ready;
  log.info({ event: 'discord-ready', guilds: client.guilds.cache.size }, 'Discord connected');

  const idle = async () => {
    while (inFlight.size > 0) await Promise.all([...inFlight]);
  };
  return {
    client,
    idle,
    async stop() {
      await idle();
      await client.destroy();
    },
  };
}
