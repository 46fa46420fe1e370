import { pino, type Logger } from 'pino';

export type Log = Logger;

/**
 * Structured logs go to stderr so a piped console session keeps stdout for the chat.
 * Callers log ids and counts, never free text; the redaction list is a safety net.
 */
export function createLog(level: string, destination: number = 2): Log {
  return pino(
    {
      level,
      redact: {
        paths: ['note', '*.note', 'text', '*.text', 'feeling', '*.feeling', 'token', '*.token'],
        censor: '[private]',
      },
    },
    pino.destination({ fd: destination, sync: true }),
  );
}

export const silentLog: Log = pino({ level: 'silent' });
