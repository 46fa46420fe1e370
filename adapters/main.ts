import { consoleNotices } from './console/notices.js';
import { runConsoleBot } from './console/start.js';
import { loadDiscordConfig, type DiscordConfig } from './discord/config.js';
import { loadTelegramConfig, type TelegramConfig } from './telegram/config.js';
import { rmSync } from 'node:fs';
import {
  ConfigError, DataKeyMismatch, checkDataKey, createCore, createLog, createTextSeal, healthReport, loadConfig, loadDataKey, loadDotEnv,
  newKeySentence, openDatabase, prepareDataDir, startHealthServer, startLeadership, systemClock,
  type Config, type DataKey, type Db, type Log, type PlatformPort, type PlatformProbe, type TextSeal,
} from '../src/index.js';

/** The composition root: the one file that knows both the core and the adapters. */
async function main(): Promise<void> {
  loadDotEnv();
  let config: Config;
  let discord: DiscordConfig | null;
  let telegram: TelegramConfig | null;
  let dataKey: DataKey;
  try {
    config = loadConfig();
    discord = loadDiscordConfig();
    telegram = loadTelegramConfig();
    dataKey = loadDataKey(config, { create: true });
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
  // The data folder holds the key, the SQLite file and the console's files: its owner's only.
  if (config.storage.kind !== 'postgres' || !platforms) prepareDataDir(config.dataDir);
  const db = await openDatabase(config.storage);
  const seal = await checkedSeal(db, config, dataKey, log);
  // Said once: a log line where an admin reads logs; on the console, a sentence (consoleNotices).
  if (dataKey.source === 'generated' && dataKey.file) log.warn({ event: 'data-key-created', file: dataKey.file }, newKeySentence(dataKey.file));
  if (platforms) await runPlatforms(config, log, db, seal, { discord, telegram });
  else {
    await runConsoleBot({ config, log, db, seal, input: process.stdin, output: process.stdout, interactive: process.stdin.isTTY === true });
    await db.destroy();
  }
}

/**
 * The seal for this database: its key must be the one the database was sealed with (a start
 * with another key stops here, in one line); a database opened with a key for the first time
 * has what it held sealed now.
 */
async function checkedSeal(db: Db, config: Config, dataKey: DataKey, log: Log): Promise<TextSeal> {
  const seal = createTextSeal(dataKey.key, config.previousDataKeys);
  try {
    const { sealedNow } = await checkDataKey(db, seal, systemClock.now());
    if (sealedNow && sealedNow.rows > 0) log.info({ event: 'sealed-at-first-keyed-start', rows: sealedNow.rows }, 'stored text from before the key was sealed');
    if (sealedNow && sealedNow.unreadable.length > 0) {
      log.warn({ event: 'unreadable-at-first-keyed-start', values: sealedNow.unreadable.length }, 'some stored values open with no configured key; npm run rekey lists them');
    }
    return seal;
  } catch (e) {
    if (!(e instanceof DataKeyMismatch)) throw e;
    await db.destroy();
    // A key made just now for a database that has one already is of no use to anyone.
    if (dataKey.source === 'generated' && dataKey.file) rmSync(dataKey.file);
    process.stderr.write(`Steadfast cannot start: ${e.message}\n`);
    process.exit(1);
  }
}

async function runPlatforms(config: Config, log: Log, db: Db, seal: TextSeal, p: { discord: DiscordConfig | null; telegram: TelegramConfig | null }): Promise<void> {
  // Loaded only for a platform that is configured: discord.js alone is some 40 MB of memory,
  // telegraf 17 MB, which the console (and a Telegram-only bot) should not carry.
  const { DiscordPort, startDiscord } = p.discord
    ? { ...(await import('./discord/port.js')), ...(await import('./discord/bot.js')) }
    : { DiscordPort: null, startDiscord: null };
  const { createTelegramPort, startTelegram } = p.telegram ? await import('./telegram/bot.js') : { createTelegramPort: null, startTelegram: null };
  const ports: PlatformPort[] = [];
  const discordPort = p.discord && DiscordPort ? new DiscordPort(p.discord) : null;
  if (discordPort) ports.push(discordPort);
  const telegramPort = p.telegram && createTelegramPort ? createTelegramPort(p.telegram, log) : null;
  if (telegramPort) ports.push(telegramPort);
  // Several instances share one bot token, so one platform budget: each platform has one
  // sender at a time (an advisory lock on PostgreSQL), replaced within seconds if it dies.
  const core = createCore({ db, clock: systemClock, config, log, seal, random: Math.random, ports, senders: { storage: config.storage } });
  await core.start();

  const probes: Record<string, PlatformProbe> = {};
  for (const port of ports) probes[`${port.platform}-sender`] = () => (core.sends(port.platform) ? 'up' : 'standby');
  const stops: (() => Promise<void>)[] = [];
  if (p.discord && discordPort) {
    // One instance holds the gateway connection; another takes over within a minute if it dies.
    let bot: Awaited<ReturnType<NonNullable<typeof startDiscord>>> | null = null;
    const lead = startLeadership({
      storage: config.storage, name: 'discord-gateway', log,
      onChange: (leader) => {
        if (leader && !bot) void startDiscord!({ core, log, config: p.discord! }).then((b) => { bot = b; });
        if (!leader && bot) { void bot.stop(); bot = null; }
      },
    });
    probes.discord = () => (lead.isLeader() ? (bot?.client.isReady() ? 'up' : 'down') : 'standby');
    stops.push(async () => { await lead.stop(); await bot?.stop(); });
  }
  if (p.telegram && telegramPort) {
    // Exactly one instance polls Telegram (a second would get 409 Conflict); the elected sender sends.
    let bot: Awaited<ReturnType<NonNullable<typeof startTelegram>>> | null = null;
    const lead = startLeadership({
      storage: config.storage, name: 'telegram-poller', log,
      onChange: (leader) => {
        if (leader && !bot) void startTelegram!({ core, config: p.telegram!, log }).then((b) => { bot = b; });
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
