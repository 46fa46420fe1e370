import type { Chat, ChatMember, Update, User } from 'telegraf/types';
import { telegramId, updateKey } from './ids.js';
import type { ChatRef, InboundEvent, InboundMessage, PlatformNotice } from '../../src/index.js';

/**
 * What an update asks of the bot, already in the core's terms: the event, the key that
 * serialises one person's updates, and a button press to acknowledge. Null: nothing to do.
 */
export interface TelegramEvent {
  event: InboundEvent | null;
  /** Updates with the same key are handled one after another, in order. */
  serial: string;
  /** A pressed button's callback query, answered at once so the button stops spinning. */
  callbackId?: string;
  /** Logged, never answered: the bot's own membership in a chat changed. */
  membership?: { status: string; group: boolean };
}

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
 * null for a command meant for another bot.
 */
export function commandFor(text: string, botUsername: string | undefined): string | null {
  const m = /^\/([A-Za-z0-9_]+)(?:@([A-Za-z0-9_]+))?(?=\s|$)/.exec(text.trim());
  if (!m) return text.trim().startsWith('/') ? text.trim() : null;
  if (m[2] && botUsername && m[2].toLowerCase() !== botUsername.toLowerCase()) return null;
  return `/${m[1]}${text.trim().slice(m[0].length)}`;
}

/** Translates one update; text in a group counts only when it is a command for this bot. */
export function toEvent(update: Update, botUsername: string | undefined): TelegramEvent | null {
  const idempotencyKey = updateKey(update.update_id);
  if ('message' in update) {
    const m = update.message;
    const serial = `chat:${m.chat.id}`;
    if ('migrate_to_chat_id' in m) {
      return { serial, event: { notice: 'chat-moved', from: telegramId(m.chat.id), to: telegramId(m.migrate_to_chat_id) } };
    }
    if ('left_chat_member' in m) {
      const left = memberLeft(m.chat, m.left_chat_member, idempotencyKey);
      return left ? { serial: `user:${m.left_chat_member.id}`, event: left } : null;
    }
    const chat = chatRef(m.chat);
    if (!chat || !m.from || (m.from.is_bot && !m.sender_chat)) return null;
    const text = 'text' in m ? m.text : null;
    const person = `user:${m.from.id}`;
    if (chat.kind === 'group') {
      const command = text === null ? null : commandFor(text, botUsername);
      if (command === null) return null;
      if (m.sender_chat) return { serial, event: { notice: 'anonymous-sender', chat, idempotencyKey } };
      return { serial: person, event: inbound(m.from, chat, command, idempotencyKey) };
    }
    if (text === null) {
      return CONTENT.some((k) => k in m)
        ? { serial: person, event: { notice: 'not-text', account: telegramId(m.from.id), chat, idempotencyKey } }
        : null;
    }
    const said = text.trim().startsWith('/') ? commandFor(text, botUsername) : text;
    if (said === null) return null;
    return { serial: person, event: inbound(m.from, chat, said, idempotencyKey) };
  }
  if ('callback_query' in update) {
    const q = update.callback_query;
    const data = 'data' in q ? q.data : '';
    const chat = q.message ? chatRef(q.message.chat) : null;
    const pressed = q.message && chat
      ? { messageId: String(q.message.message_id), seenBySenderOnly: chat.kind === 'dm' }
      : undefined;
    const msg = chat !== null && data.startsWith('/') ? { ...inbound(q.from, chat, data, idempotencyKey), pressed } : null;
    return { serial: `user:${q.from.id}`, callbackId: q.id, event: msg };
  }
  if ('chat_member' in update) {
    const c = update.chat_member;
    const left = isPresent(c.old_chat_member) && !isPresent(c.new_chat_member) ? memberLeft(c.chat, c.new_chat_member.user, idempotencyKey) : null;
    return { serial: `user:${c.new_chat_member.user.id}`, event: left };
  }
  if ('my_chat_member' in update) {
    const c = update.my_chat_member;
    const was = c.old_chat_member.status;
    const now = c.new_chat_member.status;
    const present = (s: string) => s === 'member' || s === 'administrator' || s === 'creator' || s === 'restricted';
    const chat = chatRef(c.chat);
    if (chat?.kind === 'group' && present(now) && !present(was)) {
      return { serial: `chat:${c.chat.id}`, event: { notice: 'bot-added', chat, idempotencyKey } };
    }
    return { serial: `chat:${c.chat.id}`, event: null, membership: { status: now, group: c.chat.id < 0 } };
  }
  return null;
}

/** In the group (a member, an admin, or restricted but still a member), as Telegram tells it. */
function isPresent(m: ChatMember): boolean {
  return m.status === 'member' || m.status === 'administrator' || m.status === 'creator' || (m.status === 'restricted' && m.is_member);
}

/** Someone (not a bot) left a group or was removed: they leave its accountability group too. */
function memberLeft(chat: Chat, user: User, idempotencyKey: string): PlatformNotice | null {
  const ref = chatRef(chat);
  if (ref?.kind !== 'group' || user.is_bot) return null;
  return { notice: 'member-left', chat: ref, account: telegramId(user.id), idempotencyKey };
}

function inbound(from: User, chat: ChatRef, text: string, idempotencyKey: string): InboundMessage {
  return { account: telegramId(from.id), displayName: displayName(from), chat, text, idempotencyKey };
}
