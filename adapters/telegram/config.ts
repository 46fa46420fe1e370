import { z } from 'zod';
import { ConfigError } from '../../src/index.js';

/** How the Telegram bot connects: long polling (default) or a webhook behind HTTPS. */
export interface TelegramConfig {
  token: string;
  /** Bot API root; a local Bot API server (or a test's fake) instead of api.telegram.org. */
  apiRoot?: string;
  webhook?: {
    /** The public HTTPS address Telegram posts updates to. */
    url: string;
    /** Sent back by Telegram in X-Telegram-Bot-Api-Secret-Token on every update. */
    secret: string;
    /** The local port the webhook server listens on (a reverse proxy forwards to it). */
    port: number;
  };
}

const blankIsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const schema = z.object({
  TELEGRAM_BOT_TOKEN: z.string().trim()
    .regex(/^\d+:[A-Za-z0-9_-]{20,}$/, 'expected the token BotFather gave you, such as 123456789:AAE…'),
  TELEGRAM_API_ROOT: z.preprocess(blankIsUnset, z.url({ protocol: /^https?$/, error: 'expected an http(s) URL such as http://localhost:8081' }).optional()),
  TELEGRAM_WEBHOOK_URL: z.preprocess(blankIsUnset, z.url({ protocol: /^https$/, error: 'expected an https URL such as https://bot.example.org/telegram' }).optional()),
  TELEGRAM_WEBHOOK_SECRET: z.preprocess(blankIsUnset, z.string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, 'expected 16 to 256 letters, digits, _ or - (make one with: openssl rand -hex 32)').optional()),
  TELEGRAM_WEBHOOK_PORT: z.preprocess(blankIsUnset, z.coerce.number({ error: 'expected a port number from 0 to 65535' })
    .int('expected a port number from 0 to 65535').min(0, 'expected a port number from 0 to 65535')
    .max(65_535, 'expected a port number from 0 to 65535').default(8080)),
});

/** Every variable the Telegram adapter reads. */
export const TELEGRAM_VARIABLES = Object.keys(schema.shape);

/**
 * Reads the Telegram settings; null when TELEGRAM_BOT_TOKEN is not set (Telegram stays off).
 * A wrong value throws a ConfigError with one line naming the variable.
 */
export function loadTelegramConfig(env: NodeJS.ProcessEnv = process.env): TelegramConfig | null {
  if (!env.TELEGRAM_BOT_TOKEN?.trim()) return null;
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`${String(issue.path[0] ?? 'TELEGRAM_BOT_TOKEN')}: ${issue.message}`);
  }
  const c = parsed.data;
  const config: TelegramConfig = { token: c.TELEGRAM_BOT_TOKEN };
  if (c.TELEGRAM_API_ROOT) config.apiRoot = c.TELEGRAM_API_ROOT.replace(/\/+$/, '');
  if (c.TELEGRAM_WEBHOOK_URL) {
    if (!c.TELEGRAM_WEBHOOK_SECRET) {
      throw new ConfigError('TELEGRAM_WEBHOOK_SECRET: required with TELEGRAM_WEBHOOK_URL (make one with: openssl rand -hex 32)');
    }
    config.webhook = { url: c.TELEGRAM_WEBHOOK_URL, secret: c.TELEGRAM_WEBHOOK_SECRET, port: c.TELEGRAM_WEBHOOK_PORT };
  }
  return config;
}
