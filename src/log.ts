import { pino, type Logger } from 'pino';

export type Log = Logger;

/**
 * Structured logs go to stderr so a piped console session keeps stdout for the chat.
 * Callers log ids and counts, never free text; the redaction list is a safety net.
 */
export function createLog(level: string, destination: number | NodeJS.WritableStream = 2): Log {
  return pino(
    {
      level,
      // Error texts from libraries can carry a URL with a bot token in it (a failed request
      // to …/bot<token>/getUpdates): scrub tokens from every string field.
      formatters: { log: scrubTokens },
      redact: {
        paths: ['note', '*.note', 'text', '*.text', 'feeling', '*.feeling', 'token', '*.token'],
        censor: '[private]',
      },
    },
    typeof destination === 'number' ? pino.destination({ fd: destination, sync: true }) : destination,
  );
}

const TELEGRAM_TOKEN = /\d{5,}:[A-Za-z0-9_-]{30,}/g;
const DISCORD_TOKEN = /[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{20,}/g;

export function scrubTokens(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    out[k] = typeof v === 'string' ? v.replace(TELEGRAM_TOKEN, '[token]').replace(DISCORD_TOKEN, '[token]') : v;
  }
  return out;
}

export const silentLog: Log = pino({ level: 'silent' });
