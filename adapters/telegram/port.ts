import type { Telegram } from 'telegraf';
import type { InlineKeyboardMarkup } from 'telegraf/types';
import type { Log } from '../../src/log.js';
import type { OutboundMessage, PlatformPort, RateLimits, SendResult } from '../../src/ports/platform.js';
import type { Reply } from '../../src/ports/reply.js';
import { classifyError } from './errors.js';
import { chatIdOf, telegramId } from './ids.js';
import { CAPTION_MAX, defuseMentions, escapeHtml, inlineKeyboard, splitText } from './render.js';

/** What the port needs from the core when Telegram moves a group to a new chat id. */
export interface TelegramPortHooks {
  moveGroupChat(oldChatId: string, newChatId: string): Promise<void>;
}

type Part = (chatId: number) => Promise<{ message_id: number }>;

const PROGRESS_MAX = 10_000;

/**
 * The Telegram side of the outbox: every message the bot sends goes through here, paced
 * by the dispatcher. Text goes out as HTML with everything escaped, so nothing a person
 * typed can become markup.
 */
export class TelegramPort implements PlatformPort {
  readonly platform = 'telegram';
  readonly limits: RateLimits = { perSecond: 29, perChatPerSecond: 1, perGroupPerMinute: 20 };
  private hooks: TelegramPortHooks | null = null;
  /** Parts of a long message already delivered, so a retry sends only the rest. */
  private readonly progress = new Map<string, number>();
  /** Groups that became supergroups while a message to them was in flight. */
  private readonly moved = new Map<number, number>();

  constructor(private readonly telegram: Telegram, private readonly log: Log) {}

  /** Connects the port to the core once both exist (the core is built with its ports). */
  attach(hooks: TelegramPortHooks): void {
    this.hooks = hooks;
  }

  async send(m: OutboundMessage): Promise<SendResult> {
    const stored = chatIdOf(m.to.chatId);
    if (stored === null) return { ok: false, error: 'unreachable', reason: 'not a Telegram chat id' };
    const chatId = this.moved.get(stored) ?? stored;
    const parts = this.plan(m);
    let lastId: number | undefined;
    for (let i = this.progress.get(m.key) ?? 0; i < parts.length; i += 1) {
      try {
        lastId = (await parts[i]!(chatId)).message_id;
      } catch (e) {
        const failure = classifyError(e);
        if (failure.error === 'migrated') {
          await this.migrate(chatId, failure.newChatId);
          return { ok: false, error: 'transient', reason: 'group moved to a supergroup; retrying there' };
        }
        if (failure.error === 'unreachable') this.progress.delete(m.key);
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

  private async migrate(oldId: number, newId: number): Promise<void> {
    this.moved.set(oldId, newId);
    this.log.info({ event: 'telegram-group-migrated' }, 'a group became a supergroup');
    // The core moves the group and its queued messages; the one in hand is redirected here.
    await this.hooks?.moveGroupChat(telegramId(oldId), telegramId(newId));
  }

  /** One API call per part: long text is split, buttons go on the last part. */
  private plan(m: OutboundMessage): Part[] {
    const r: Reply = m.reply;
    const text = m.to.kind === 'group' ? defuseMentions(r.text) : r.text;
    const keyboard = inlineKeyboard(r.buttons, (command) => {
      this.log.error({ event: 'telegram-button-too-long', command: command.split(' ')[0], bytes: Buffer.byteLength(command) },
        'a button command is longer than Telegram allows (64 bytes); the button was left out');
    });
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
    const media: Part = (chatId) => (att.kind === 'image'
      ? this.telegram.sendPhoto(chatId, file, { ...caption, ...markup(true) as { reply_markup?: InlineKeyboardMarkup } })
      : this.telegram.sendDocument(chatId, file, { ...caption, ...markup(true) as { reply_markup?: InlineKeyboardMarkup } }));
    return [
      ...before.map((chunk) => (chatId: number) => this.telegram.sendMessage(chatId, escapeHtml(chunk), {
        ...html, link_preview_options: { is_disabled: true },
      })),
      media,
    ];
  }
}
