import type { Chat, Update, User } from 'telegraf/types';
import type { ChatRef, InboundMessage } from '../../src/ports/inbound.js';
import { telegramId, updateKey } from './ids.js';

/** What an update asks of the bot, already in the core's terms; null: nothing to do. */
export type TelegramEvent =
  | { kind: 'say'; msg: InboundMessage; userId: number; chatId: number; groupSetup: boolean }
  | { kind: 'press'; msg: InboundMessage | null; callbackId: string; userId: number; chatId: number; groupSetup: boolean }
  | { kind: 'migrate'; from: number; to: number }
  | { kind: 'added-to-group'; chatId: number; key: string }
  | { kind: 'membership'; chatId: number; status: string }
  | { kind: 'anonymous'; chatId: number; key: string }
  | { kind: 'not-text'; userId: number; key: string };

const GROUP_TYPES = new Set<Chat['type']>(['group', 'supergroup']);
const DISPLAY_NAME_MAX = 64;
/** Things a person sends that are not text; service messages (pins, joins) get no answer. */
const CONTENT = ['photo', 'sticker', 'voice', 'video', 'video_note', 'audio', 'document', 'animation', 'location', 'contact', 'poll'];

function displayName(u: User): string {
  return [u.first_name, u.last_name].filter(Boolean).join(' ').trim().slice(0, DISPLAY_NAME_MAX) || (u.username ?? 'Telegram user');
}

function chatRef(chat: Chat): ChatRef | null {
  if (chat.type === 'private') return { id: telegramId(chat.id), kind: 'dm' };
  if (GROUP_TYPES.has(chat.type)) return { id: telegramId(chat.id), kind: 'group', title: 'title' in chat ? chat.title : undefined };
  return null; // channels are not conversations
}

/**
 * A command addressed to this bot, without the `@botname` suffix Telegram adds in groups;
 * null for a command meant for another bot. `/start PAYLOAD` (a deep link) is plain /start.
 */
export function commandFor(text: string, botUsername: string | undefined): string | null {
  const m = /^\/([A-Za-z0-9_]+)(?:@([A-Za-z0-9_]+))?(?=\s|$)/.exec(text.trim());
  if (!m) return text.trim().startsWith('/') ? text.trim() : null;
  if (m[2] && botUsername && m[2].toLowerCase() !== botUsername.toLowerCase()) return null;
  const rest = text.trim().slice(m[0].length);
  if (m[1]!.toLowerCase() === 'start') return '/start';
  return `/${m[1]}${rest}`;
}

export function isGroupSetup(command: string): boolean {
  return /^\/group\s+setup\b/i.test(command);
}

/** Translates one update; text in a group counts only when it is a command for this bot. */
export function toEvent(update: Update, botUsername: string | undefined): TelegramEvent | null {
  const key = updateKey(update.update_id);
  if ('message' in update) {
    const m = update.message;
    if ('migrate_to_chat_id' in m) return { kind: 'migrate', from: m.chat.id, to: m.migrate_to_chat_id };
    const chat = chatRef(m.chat);
    if (!chat || !m.from || (m.from.is_bot && !m.sender_chat)) return null;
    const text = 'text' in m ? m.text : null;
    if (chat.kind === 'group') {
      const command = text === null ? null : commandFor(text, botUsername);
      if (command === null) return null;
      if (m.sender_chat) return { kind: 'anonymous', chatId: m.chat.id, key };
      return { kind: 'say', msg: inbound(m.from, chat, command, key), userId: m.from.id, chatId: m.chat.id, groupSetup: isGroupSetup(command) };
    }
    if (text === null) return CONTENT.some((k) => k in m) ? { kind: 'not-text', userId: m.from.id, key } : null;
    const said = text.trim().startsWith('/') ? commandFor(text, botUsername) : text;
    if (said === null) return null;
    return { kind: 'say', msg: inbound(m.from, chat, said, key), userId: m.from.id, chatId: m.chat.id, groupSetup: false };
  }
  if ('callback_query' in update) {
    const q = update.callback_query;
    const data = 'data' in q ? q.data : '';
    const chat = q.message ? chatRef(q.message.chat) : null;
    const ok = chat !== null && data.startsWith('/');
    return {
      kind: 'press', callbackId: q.id, userId: q.from.id, chatId: q.message?.chat.id ?? q.from.id,
      msg: ok ? inbound(q.from, chat, data, key) : null, groupSetup: ok && chat.kind === 'group' && isGroupSetup(data),
    };
  }
  if ('my_chat_member' in update) {
    const c = update.my_chat_member;
    const was = c.old_chat_member.status;
    const now = c.new_chat_member.status;
    const present = (s: string) => s === 'member' || s === 'administrator' || s === 'creator' || s === 'restricted';
    if (GROUP_TYPES.has(c.chat.type) && present(now) && !present(was)) return { kind: 'added-to-group', chatId: c.chat.id, key };
    return { kind: 'membership', chatId: c.chat.id, status: now };
  }
  return null;
}

function inbound(from: User, chat: ChatRef, text: string, key: string): InboundMessage {
  return { account: telegramId(from.id), displayName: displayName(from), chat, text, idempotencyKey: key };
}
