import type { Telegraf } from 'telegraf';
import type { Log } from '../../src/index.js';

/** `chat_member` (someone else joined or left) comes only where the bot is an admin; `left_chat_member` service messages come anyway. */
export const ALLOWED_UPDATES = ['message', 'callback_query', 'my_chat_member', 'chat_member'] as const;

const BACKOFF_FIRST_MS = 1_000;
const BACKOFF_MAX_MS = 60_000;
/** A run that lasted this long was healthy; the next failure starts the backoff over. */
const HEALTHY_MS = 60_000;

/** A wait that ends early when `signal` is aborted. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => { clearTimeout(t); signal.removeEventListener('abort', done); resolve(); };
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}

export function backoffMs(failures: number): number {
  return Math.min(BACKOFF_FIRST_MS * 2 ** failures, BACKOFF_MAX_MS) * (0.75 + Math.random() * 0.5);
}

/**
 * Long polling that survives Telegram's and the network's bad moments. telegraf retries
 * 429 and 5xx itself, but any other failure (a conflict, a lost connection while starting)
 * ends `launch()`; here it is logged and polling starts again after a growing pause.
 * `launch()` is never awaited by the caller: it only settles when polling stops.
 */
export function superviseLongPolling(bot: Telegraf, log: Log, signal: AbortSignal): Promise<void> {
  const run = async () => {
    let failures = 0;
    while (!signal.aborted) {
      const started = performance.now();
      try {
        await bot.launch({ allowedUpdates: [...ALLOWED_UPDATES], dropPendingUpdates: false });
        if (signal.aborted) return;
        log.warn({ event: 'telegram-polling-ended' }, 'long polling ended unexpectedly; restarting');
      } catch (e) {
        if (signal.aborted) return;
        log.error({ event: 'telegram-polling-failed', err: (e as Error).message }, 'long polling failed; will retry');
      }
      if (performance.now() - started > HEALTHY_MS) failures = 0;
      await pause(backoffMs(failures), signal);
      failures += 1;
    }
  };
  return run();
}
