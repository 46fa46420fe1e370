import { TelegramError, type Telegram } from 'telegraf';
import type { InlineKeyboardMarkup } from 'telegraf/types';
import { classifyError } from './errors.js';
import { chatIdOf, telegramId } from './ids.js';
import { CAPTION_MAX, defuseMentions, escapeHtml, inlineKeyboard, splitText } from './render.js';
import type { AccountId, Log, OutboundMessage, PlatformPort, RateLimits, Reply, SendResult } from '../../src/index.js';

/** One API call; `attachment` marks the call that carries the picture or file. */
type Part = ((chatId: number) => Promise<{ message_id: number }>) & { attachment?: true };

const PROGRESS_MAX = 10_000;
const ADMIN_STATUSES = new Set(['creator', 'administrator']);
const ADMIN_CHECK_MS = 5_000;
const GET_ME_MS = 5_000;
/** Edits Telegram refuses for good: the message is gone or too old; a new message goes instead. */
const NOT_EDITABLE = ['message to edit not found', "message can't be edited", 'message_id_invalid'];

/**
 * The Telegram side of the outbox: every message the bot sends goes through here, paced
 * by the dispatcher. Text goes out as HTML with everything escaped, so nothing a person
 * typed can become markup.
 */
export class TelegramPort implements PlatformPort {
  readonly platform = 'telegram';
  readonly limits: RateLimits = { perSecond: 29, perChatPerSecond: 1, perGroupPerMinute: 20 };
  /** A pressed guided form is changed in place instead of sending a new message for each tap. */
  readonly editsMessages = true;
  /** Parts of a long message already delivered, so a retry sends only the rest. */
  private readonly progress = new Map<string, number>();
  /** The bot's username from getMe, asked once when a start link is first needed (not at start, which stays fast). */
  private username: Promise<string | null> | null = null;

  constructor(private readonly telegram: Telegram, private readonly log: Log) {}

  /** Asks Telegram itself whether the account manages the group; never trusts the client. */
  async checkGroupAdmin(chatId: string, account: AccountId): Promise<boolean> {
    const chat = chatIdOf(chatId);
    const user = chatIdOf(account);
    if (chat === null || user === null) return false;
    const member = await withTimeout(this.telegram.getChatMember(chat, user), ADMIN_CHECK_MS, 'getChatMember');
    return ADMIN_STATUSES.has(member.status);
  }

  /** `https://t.me/<bot>?start=<payload>`: opens the bot in Telegram, which sends `/start <payload>` on the person's first tap. */
  async startLink(payload: string): Promise<string | null> {
    const name = await this.botUsername();
    return name && /^[A-Za-z0-9_-]{1,64}$/.test(payload) ? `https://t.me/${name}?start=${payload}` : null;
  }

  private botUsername(): Promise<string | null> {
    this.username ??= withTimeout(this.telegram.getMe(), GET_ME_MS, 'getMe').then(
      (me) => me.username ?? null,
      (e: unknown) => {
        // Asked again next time: a link is a convenience, the code works without it.
        this.username = null;
        this.log.warn({ event: 'telegram-get-me-failed', err: (e as Error).message }, 'could not learn the bot username for a start link');
        return null;
      },
    );
    return this.username;
  }

  async send(m: OutboundMessage): Promise<SendResult> {
    const chatId = chatIdOf(m.to.chatId);
    if (chatId === null) return { ok: false, error: 'unreachable', reason: 'not a Telegram chat id' };
    if (m.replaces) {
      const edited = await this.edit(chatId, m);
      if (edited) return edited;
    }
    const parts = this.plan(m);
    let lastId: number | undefined;
    for (let i = this.progress.get(m.key) ?? 0; i < parts.length; i += 1) {
      try {
        lastId = (await parts[i]!(chatId)).message_id;
      } catch (e) {
        const failure = classifyError(e, parts[i]!.attachment === true);
        if (failure.error === 'migrated') {
          this.log.info({ event: 'telegram-group-migrated' }, 'a group became a supergroup');
          return { ok: false, error: 'moved', newChatId: telegramId(failure.newChatId) };
        }
        // A refused message comes back changed (its text without the picture): it starts again from its first part.
        if (failure.error === 'unreachable' || failure.error === 'refused') this.progress.delete(m.key);
        // The words went ahead of the picture as messages of their own: only the note is still owed.
        if (failure.error === 'refused' && failure.attachment && i > 0) return { ...failure, textDelivered: true };
        return failure;
      }
      if (i + 1 < parts.length) this.remember(m.key, i + 1);
    }
    this.progress.delete(m.key);
    return lastId === undefined ? { ok: true } : { ok: true, platformMessageId: String(lastId) };
  }

  private remember(key: string, done: number): void {
    if (this.progress.size >= PROGRESS_MAX) this.progress.clear();
    this.progress.set(key, done);
  }

  /**
   * Changes the pressed message to this one: its text and buttons. Null when it cannot be
   * edited (a picture, a text longer than one message, a message gone or too old): then a
   * new message goes instead.
   */
  private async edit(chatId: number, m: OutboundMessage): Promise<SendResult | null> {
    const messageId = Number(m.replaces);
    const text = m.to.kind === 'group' ? defuseMentions(m.reply.text) : m.reply.text;
    if (!Number.isSafeInteger(messageId) || m.reply.attachment || text.trim() === '' || splitText(text).length > 1) return null;
    const keyboard = this.keyboard(m.reply);
    try {
      await this.telegram.editMessageText(chatId, messageId, undefined, escapeHtml(text), {
        parse_mode: 'HTML', link_preview_options: { is_disabled: true }, ...(keyboard ? { reply_markup: keyboard } : {}),
      });
      return { ok: true, platformMessageId: String(messageId) };
    } catch (e) {
      const description = e instanceof TelegramError ? (e.description ?? '').toLowerCase() : '';
      // Pressed twice: the message already shows this answer.
      if (description.includes('message is not modified')) return { ok: true, platformMessageId: String(messageId) };
      if (e instanceof TelegramError && e.code === 400 && NOT_EDITABLE.some((n) => description.includes(n))) return null;
      const failure = classifyError(e);
      // Any other edit Telegram refuses for good: a new message goes instead.
      if (failure.error === 'refused') return null;
      return failure.error === 'migrated' ? { ok: false, error: 'moved', newChatId: telegramId(failure.newChatId) } : failure;
    }
  }

  private keyboard(r: Reply): InlineKeyboardMarkup | undefined {
    return inlineKeyboard(r.buttons, (command) => {
      this.log.error({ event: 'telegram-button-too-long', command: command.split(' ')[0], bytes: Buffer.byteLength(command) },
        'a button command is longer than Telegram allows (64 bytes); the button was left out');
    });
  }

  /** One API call per part: long text is split, buttons go on the last part. */
  private plan(m: OutboundMessage): Part[] {
    const r: Reply = m.reply;
    const text = m.to.kind === 'group' ? defuseMentions(r.text) : r.text;
    const keyboard = this.keyboard(r);
    const markup = (last: boolean) => (last && keyboard ? { reply_markup: keyboard } : {});
    const html = { parse_mode: 'HTML' as const };
    const att = r.attachment;
    if (!att) {
      if (text.trim() === '') return [];
      const chunks = splitText(text);
      return chunks.map((chunk, i) => (chatId: number) => this.telegram.sendMessage(chatId, escapeHtml(chunk), {
        ...html, link_preview_options: { is_disabled: true }, ...markup(i === chunks.length - 1),
      }));
    }
    const captioned = text.trim() !== '' && text.length <= CAPTION_MAX;
    const before = captioned || text.trim() === '' ? [] : splitText(text);
    const caption = captioned ? { caption: escapeHtml(text), ...html } : {};
    const file = { source: Buffer.from(att.data), filename: att.filename };
    const media: Part = Object.assign((chatId: number) => (att.kind === 'image'
      ? this.telegram.sendPhoto(chatId, file, { ...caption, ...markup(true) as { reply_markup?: InlineKeyboardMarkup } })
      : this.telegram.sendDocument(chatId, file, { ...caption, ...markup(true) as { reply_markup?: InlineKeyboardMarkup } })), { attachment: true as const });
    return [
      ...before.map((chunk) => (chatId: number) => this.telegram.sendMessage(chatId, escapeHtml(chunk), {
        ...html, link_preview_options: { is_disabled: true },
      })),
      media,
    ];
  }
}

/** A call to Telegram that gives up after `ms`, so a hung request never holds an answer up. */
async function withTimeout<T>(call: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      call,
      new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} timed out`)), ms); }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
