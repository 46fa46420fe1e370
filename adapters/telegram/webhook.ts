import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Telegraf } from 'telegraf';
import type { TelegramConfig } from './config.js';
import type { Log } from '../../src/index.js';

const SECRET_HEADER = 'x-telegram-bot-api-secret-token';
const BODY_MAX = 1_000_000;

function sameSecret(given: string | string[] | undefined, secret: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The HTTP server Telegram posts updates to (behind the operator's HTTPS proxy). Only a
 * POST to the configured path with the secret-token header Telegram was given is handled.
 */
export async function startWebhookServer(
  bot: Telegraf, webhook: NonNullable<TelegramConfig['webhook']>, host: string, log: Log,
): Promise<{ server: Server; port: number }> {
  const url = new URL(webhook.url);
  const path = `${url.pathname}${url.search}`;
  const callback = bot.webhookCallback(path, { secretToken: webhook.secret });
  const server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== path) {
      res.writeHead(404).end();
      return;
    }
    if (!sameSecret(req.headers[SECRET_HEADER], webhook.secret)) {
      log.warn({ event: 'telegram-webhook-rejected' }, 'a webhook request without the right secret token was refused');
      res.writeHead(401).end();
      return;
    }
    if (Number(req.headers['content-length'] ?? 0) > BODY_MAX) {
      res.writeHead(413).end();
      return;
    }
    callback(req, res).catch((e: unknown) => {
      log.error({ event: 'telegram-webhook-failed', err: (e as Error).message }, 'a webhook update failed');
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(webhook.port, host, () => { server.off('error', reject); resolve(); });
  });
  return { server, port: (server.address() as AddressInfo).port };
}
