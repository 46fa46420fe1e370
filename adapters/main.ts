import { consoleNotices } from './console/notices.js';
import { runConsoleBot } from './console/start.js';
import { startDiscord } from './discord/bot.js';
import { loadDiscordConfig, type DiscordConfig } from './discord/config.js';
import { DiscordPort } from './discord/port.js';
import { createTelegramPort, startTelegram } from './telegram/bot.js';
import { loadTelegramConfig, type TelegramConfig } from './telegram/config.js';
import { ConfigError, createCore, createLog, createTextSeal, healthReport, loadConfig, loadDotEnv, openDatabase, startHealthServer, startLeadership, systemClock, type Config, type Db, type Log, type PlatformPort, type PlatformProbe } from '../src/index.js';

/** The composition root: the one file that knows both the core and the adapters. */
async function main(): Promise<void> {
  loadDotEnv();
  let config: Config;
  let discord: DiscordConfig | null;
  let telegram: TelegramConfig | null;
  try {
    config = loadConfig();
    discord = loadDiscordConfig();
    telegram = loadTelegramConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`Steadfast cannot start: ${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const platforms = discord !== null || telegram !== null;
  // In the terminal chat, routine logs would interleave with the conversation, and JSON is for
  // log collectors: the console shows warnings as sentences unless a log level was asked for.
  const log = platforms || process.env.LOG_LEVEL ? createLog(config.logLevel) : createLog('warn', consoleNotices(process.stderr));
  if (!config.dataKey) log.warn('STEADFAST_DATA_KEY is not set, so notes, goals, boundaries and circles are stored unencrypted. Make a key with: openssl rand -base64 32 (see .env.example)');
  const db = await openDatabase(config.storage);
  if (platforms) await runPlatforms(config, log, db, { discord, telegram });
  else {
    await runConsoleBot({ config, log, db, input: process.stdin, output: process.stdout, interactive: process.stdin.isTTY === true });
    await db.destroy();
  }
}

async function runPlatforms(config: Config, log: Log, db: Db, p: { discord: DiscordConfig | null; telegram: TelegramConfig | null }): Promise<void> {
  const ports: PlatformPort[] = [];
  const discordPort = p.discord ? new DiscordPort(p.discord) : null;
  if (discordPort) ports.push(discordPort);
  const telegramPort = p.telegram ? createTelegramPort(p.telegram, log) : null;
  if (telegramPort) ports.push(telegramPort);
  const core = createCore({ db, clock: systemClock, config, log, seal: createTextSeal(config.dataKey, config.previousDataKeys), random: Math.random, ports });
  await core.start();

  const probes: Record<string, PlatformProbe> = {};
  const stops: (() => Promise<void>)[] = [];
  if (p.discord && discordPort) {
    // One instance holds the gateway connection; another takes over within a minute if it dies.
    let bot: Awaited<ReturnType<typeof startDiscord>> | null = null;
    const lead = startLeadership({
      storage: config.storage, name: 'discord-gateway', log,
      onChange: (leader) => {
        if (leader && !bot) void startDiscord({ core, log, config: p.discord! }).then((b) => { bot = b; });
        if (!leader && bot) { void bot.stop(); bot = null; }
      },
    });
    probes.discord = () => (lead.isLeader() ? (bot?.client.isReady() ? 'up' : 'down') : 'standby');
    stops.push(async () => { await lead.stop(); await bot?.stop(); });
  }
  if (p.telegram && telegramPort) {
    // Exactly one instance polls Telegram (a second would get 409 Conflict); every instance sends.
    let bot: Awaited<ReturnType<typeof startTelegram>> | null = null;
    const lead = startLeadership({
      storage: config.storage, name: 'telegram-poller', log,
      onChange: (leader) => {
        if (leader && !bot) void startTelegram({ core, config: p.telegram!, log }).then((b) => { bot = b; });
        if (!leader && bot) { void bot.stop(); bot = null; }
      },
    });
    probes.telegram = () => (lead.isLeader() ? (bot ? 'up' : 'down') : 'standby');
    stops.push(async () => { await lead.stop(); await bot?.stop(); });
  }
  const health = config.health ? await startHealthServer(config.health.port, config.health.host, () => healthReport(db, systemClock, probes)) : null;
  log.info({ event: 'started', platforms: Object.keys(probes) }, 'Steadfast is running');

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  log.info({ event: 'stopping' }, 'stopping');
  for (const stop of stops) await stop();
  health?.close();
  await core.stop();
  await db.destroy();
}

main().catch((e: unknown) => {
  process.stderr.write(`Steadfast stopped: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
