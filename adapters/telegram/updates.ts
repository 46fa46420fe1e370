import type { Telegram } from 'telegraf';
import type { Update } from 'telegraf/types';
import { toEvent } from './inbound.js';
import { KeyedSerial } from './serial.js';
import type { Core, Log } from '../../src/index.js';

export interface UpdateHandlerDeps {
  core: Pick<Core, 'handle'>;
  /** For calls that are not messages: answerCallbackQuery. */
  telegram: Telegram;
  log: Log;
}

/**
 * Turns updates into core events. Nothing is sent from here: Telegram's port does not answer
 * inline, so the core writes every answer to the outbox, and the dispatcher sends it.
 */
export function createUpdateHandler(deps: UpdateHandlerDeps) {
  const serial = new KeyedSerial();
  const handle = async (update: Update, botUsername: string | undefined): Promise<void> => {
    const t = toEvent(update, botUsername);
    if (!t) return;
    if (t.callbackId) {
      // Answered at once so the button stops spinning; it is not a message, so not the outbox's.
      deps.telegram.answerCbQuery(t.callbackId).catch((e: unknown) => {
        deps.log.warn({ event: 'telegram-answer-callback-failed', err: (e as Error).message }, 'could not answer a button press');
      });
    }
    if (t.membership) deps.log.info({ event: 'telegram-membership', ...t.membership }, 'the bot’s membership in a chat changed');
    const event = t.event;
    if (event) await serial.run(t.serial, async () => { await deps.core.handle(event); });
  };
  return { handle, idle: () => serial.idle() };
}
