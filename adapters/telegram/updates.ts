import type { Telegram } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { CommandSpec } from '../../src/commands/spec.js';
import type { AccountId } from '../../src/domain/person.js';
import type { Log } from '../../src/log.js';
import type { InboundMessage } from '../../src/ports/inbound.js';
import type { Destination } from '../../src/ports/platform.js';
import { reply, type Reply } from '../../src/ports/reply.js';
import { telegramId, updateKey } from './ids.js';
import { toEvent, type TelegramEvent } from './inbound.js';
import { KeyedSerial } from './serial.js';
import { ADDED_TO_GROUP, ANONYMOUS_SENDER, ONLY_TEXT, OPEN_PRIVATE_CHAT, SOMETHING_WENT_WRONG } from './texts.js';

/** The part of the core the Telegram adapter uses. */
export interface TelegramCore {
  handle(msg: InboundMessage): Promise<Reply[]>;
  enqueueReplies(to: Destination, recipient: AccountId | null, replies: readonly Reply[], key: string): Promise<void>;
  readonly commands: readonly CommandSpec[];
  /** A group became a supergroup: its stored id and queued messages move to the new id. */
  moveGroupChat(oldChatId: string, newChatId: string): Promise<void>;
  /** True once the account has written to the bot in a private chat, so a direct message can reach it. */
  knowsDirectChat(account: AccountId): Promise<boolean>;
}

export interface UpdateHandlerDeps {
  core: TelegramCore;
  /** For calls that are not messages: getChatMember, answerCallbackQuery. */
  telegram: Telegram;
  log: Log;
}

const ADMIN_STATUSES = new Set(['creator', 'administrator']);
const ADMIN_CHECK_MS = 5_000;

/**
 * Turns updates into core calls. Replies are never sent from here: they go to the
 * outbox, and the dispatcher sends them through the rate-limited TelegramPort.
 */
export function createUpdateHandler(deps: UpdateHandlerDeps) {
  const serial = new KeyedSerial();
  const handle = async (update: Update, botUsername: string | undefined): Promise<void> => {
    const event = toEvent(update, botUsername);
    if (!event) return;
    const who = 'userId' in event ? `user:${event.userId}` : `chat:${'chatId' in event ? event.chatId : event.from}`;
    await serial.run(who, () => handleEvent(deps, event, update.update_id));
  };
  return { handle, idle: () => serial.idle() };
}

async function handleEvent(deps: UpdateHandlerDeps, event: TelegramEvent, updateId: number): Promise<void> {
  const { core, log } = deps;
  const key = updateKey(updateId);
  switch (event.kind) {
    case 'press':
      // Answered at once so the button stops spinning; it is not a message, so not the outbox's.
      deps.telegram.answerCbQuery(event.callbackId).catch((e: unknown) => {
        log.warn({ event: 'telegram-answer-callback-failed', err: (e as Error).message }, 'could not answer a button press');
      });
      if (event.msg) await converse(deps, event.msg, event.userId, event.chatId, event.groupSetup);
      return;
    case 'say':
      await converse(deps, event.msg, event.userId, event.chatId, event.groupSetup);
      return;
    case 'migrate':
      await core.moveGroupChat(telegramId(event.from), telegramId(event.to));
      return;
    case 'added-to-group':
      await core.enqueueReplies(group(event.chatId), null, [reply(ADDED_TO_GROUP, { private: false })], `${key}:welcome`);
      return;
    case 'anonymous':
      await core.enqueueReplies(group(event.chatId), null, [reply(ANONYMOUS_SENDER, { private: false })], `${key}:anonymous`);
      return;
    case 'not-text':
      await core.enqueueReplies(dm(event.userId), telegramId(event.userId), [reply(ONLY_TEXT)], key);
      return;
    case 'membership':
      log.info({ event: 'telegram-membership', status: event.status, group: event.chatId < 0 }, 'the bot’s membership in a chat changed');
  }
}

/** One message or button press from a person, answered where it belongs. */
async function converse(deps: UpdateHandlerDeps, msg: InboundMessage, userId: number, chatId: number, groupSetup: boolean) {
  const { core, log } = deps;
  const key = msg.idempotencyKey!;
  const inGroup = msg.chat.kind === 'group';
  if (groupSetup) msg = { ...msg, senderIsGroupAdmin: await isGroupAdmin(deps, chatId, userId) };
  let replies: Reply[];
  try {
    replies = await core.handle(msg);
  } catch (e) {
    log.error({ event: 'telegram-handle-failed', err: (e as Error).message }, 'the core failed on an update');
    if (!inGroup) await core.enqueueReplies(dm(userId), msg.account, [reply(SOMETHING_WENT_WRONG)], `${key}:error`);
    return;
  }
  if (replies.length === 0) return;
  if (!inGroup) {
    await core.enqueueReplies(dm(userId), msg.account, replies, key);
    return;
  }
  // In a group, anything personal goes to the person's private chat and is never echoed here.
  const personal = replies.filter((r) => r.private);
  const shared = replies.filter((r) => !r.private);
  if (personal.length > 0) {
    if (await core.knowsDirectChat(msg.account)) await core.enqueueReplies(dm(userId), msg.account, personal, `${key}:dm`);
    else await core.enqueueReplies(group(chatId), null, [reply(OPEN_PRIVATE_CHAT, { private: false })], `${key}:open-dm`);
  }
  if (shared.length > 0) await core.enqueueReplies(group(chatId), null, shared, `${key}:group`);
}

/** Asks Telegram itself whether the sender manages the group; never trusts the client. */
async function isGroupAdmin(deps: UpdateHandlerDeps, chatId: number, userId: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const member = await Promise.race([
      deps.telegram.getChatMember(chatId, userId),
      new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('getChatMember timed out')), ADMIN_CHECK_MS); }),
    ]);
    return ADMIN_STATUSES.has(member.status);
  } catch (e) {
    deps.log.warn({ event: 'telegram-admin-check-failed', err: (e as Error).message }, 'could not check group admin rights');
    return false;
  } finally {
    clearTimeout(timer);
  }
}

function dm(userId: number): Destination {
  return { chatId: telegramId(userId), kind: 'dm' };
}

function group(chatId: number): Destination {
  return { chatId: telegramId(chatId), kind: 'group' };
}
