import type { Server } from 'node:http';
import { Telegraf, Telegram } from 'telegraf';
import type { TelegramConfig } from './config.js';
import { publishMenu } from './menu.js';
import { ALLOWED_UPDATES, backoffMs, pause, superviseLongPolling } from './polling.js';
import { TelegramPort } from './port.js';
import { createUpdateHandler } from './updates.js';
import { startWebhookServer } from './webhook.js';
import type { Core, Log } from '../../src/index.js';

export interface StartTelegramOptions {
  core: Pick<Core, 'handle' | 'commands'>;
  config: TelegramConfig;
  log: Log;
  /** Where the webhook server listens (default all interfaces). */
  webhookHost?: string;
  /** Longest a single update may take before telegraf gives up on it (default 20 s). */
  handlerTimeoutMs?: number;
}

export interface RunningTelegram {
  /** The webhook server's port, or null when long polling. */
  readonly webhookPort: number | null;
  /** Stops taking updates and waits for those in hand; the outbox is the core's to stop. */
  stop(): Promise<void>;
}

const STOP_WAIT_MS = 10_000;

function clientOptions(config: TelegramConfig) {
  return { ...(config.apiRoot ? { apiRoot: config.apiRoot } : {}), webhookReply: false };
}

/** The outbound side, built before the core (the core takes its ports when it is created). */
export function createTelegramPort(config: TelegramConfig, log: Log): TelegramPort {
  return new TelegramPort(new Telegram(config.token, clientOptions(config)), log);
}

/**
 * Starts the Telegram bot: long polling, or a webhook when TELEGRAM_WEBHOOK_URL is set.
 * Resolves once updates can flow (a webhook server is listening); polling and the first
 * contact with Telegram go on in the background and retry on their own.
 */
export async function startTelegram(o: StartTelegramOptions): Promise<RunningTelegram> {
  const { core, config, log } = o;
  const bot = new Telegraf(config.token, { handlerTimeout: o.handlerTimeoutMs ?? 20_000, telegram: clientOptions(config) });
  const updates = createUpdateHandler({ core, telegram: bot.telegram, log });

  bot.catch((e, ctx) => {
    // An update that failed or timed out is logged and left behind; polling goes on.
    log.error({ event: 'telegram-update-failed', updateId: ctx.update.update_id, err: (e as Error).message }, 'an update failed');
  });
  bot.use(async (ctx) => { await updates.handle(ctx.update, ctx.botInfo?.username); });

  const abort = new AbortController();
  const background: Promise<void>[] = [];
  let server: Server | null = null;
  let webhookPort: number | null = null;

  if (config.webhook) {
    const started = await startWebhookServer(bot, config.webhook, o.webhookHost ?? '0.0.0.0', log);
    server = started.server;
    webhookPort = started.port;
    background.push(untilDone('telegram-webhook', log, abort.signal, async () => {
      bot.botInfo ??= await bot.telegram.getMe();
      await bot.telegram.setWebhook(config.webhook!.url, {
        secret_token: config.webhook!.secret, allowed_updates: [...ALLOWED_UPDATES], drop_pending_updates: false,
      });
      log.info({ event: 'telegram-start', mode: 'webhook' }, 'Telegram webhook set');
      await publishMenu(bot.telegram, core.commands, log);
    }));
  } else {
    background.push(superviseLongPolling(bot, log, abort.signal));
    background.push(untilDone('telegram-menu', log, abort.signal, async () => {
      await publishMenu(bot.telegram, core.commands, log);
    }));
    log.info({ event: 'telegram-start', mode: 'polling' }, 'Telegram long polling started');
  }

  return {
    webhookPort,
    async stop() {
      abort.abort();
      if (server) await new Promise<void>((resolve) => { server!.close(() => resolve()); server!.closeAllConnections(); });
      const settled = Promise.all(background).then(() => true);
      // launch() may still be starting; stop() only takes once polling runs, so ask until it has
      // (but not forever: a hung first call to Telegram must not hold up the shutdown).
      const giveUp = performance.now() + STOP_WAIT_MS;
      while (!(await Promise.race([settled, pause(50, new AbortController().signal).then(() => false)]))) {
        if (performance.now() > giveUp) {
          log.warn({ event: 'telegram-stop' }, 'Telegram did not stop in time; leaving it');
          break;
        }
        try { bot.stop('shutdown'); } catch { /* not running yet */ }
      }
      await updates.idle();
    },
  };
}

/** Runs `task` until it succeeds once, with growing pauses between failures. */
async function untilDone(event: string, log: Log, signal: AbortSignal, task: () => Promise<void>): Promise<void> {
  for (let failures = 0; !signal.aborted; failures += 1) {
    try {
      await task();
      return;
    } catch (e) {
      log.warn({ event, err: (e as Error).message }, 'could not reach Telegram; will retry');
      await pause(backoffMs(failures), signal);
    }
  }
}
