// The Telegram adapter's small pure parts: settings, text splitting and escaping,
// commands addressed to the bot, and the menu built from the catalog.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadTelegramConfig } from '../../adapters/telegram/config.js';
import { commandFor, toEvent } from '../../adapters/telegram/inbound.js';
import { menuFor } from '../../adapters/telegram/menu.js';
import { escapeHtml, splitText } from '../../adapters/telegram/render.js';
import { COMMANDS } from '../../src/commands/catalog.js';
import { parseTelegramHtml } from './fake-html.js';

const TOKEN = '123456789:AAEabcdefghijklmnopqrstuvwxyz012345';

describe('Telegram settings', () => {
  it('stays off without a token, and reads polling settings with one', () => {
    expect(loadTelegramConfig({})).toBeNull();
    expect(loadTelegramConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: 'http://localhost:8081/' }))
      .toEqual({ token: TOKEN, apiRoot: 'http://localhost:8081' });
  });

  it.each([
    [{ TELEGRAM_BOT_TOKEN: 'not-a-token' }, /^TELEGRAM_BOT_TOKEN: /],
    [{ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: 'localhost' }, /^TELEGRAM_API_ROOT: /],
    [{ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: 'http://bot.example.org/hook' }, /^TELEGRAM_WEBHOOK_URL: expected an https URL/],
    [{ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/hook' }, /^TELEGRAM_WEBHOOK_SECRET: required/],
    [{ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/hook', TELEGRAM_WEBHOOK_SECRET: 'has spaces in it, no good' }, /^TELEGRAM_WEBHOOK_SECRET: /],
    [{ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_PORT: '70000' }, /^TELEGRAM_WEBHOOK_PORT: /],
  ])('names the variable in one line when a value is wrong (%#)', (env, message) => {
    expect(() => loadTelegramConfig(env)).toThrow(message);
    try { loadTelegramConfig(env); } catch (e) { expect((e as Error).message).not.toContain('\n'); }
  });

  it('reads a webhook with its secret and port', () => {
    const secret = 'abcdef0123456789abcdef';
    expect(loadTelegramConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/tg', TELEGRAM_WEBHOOK_SECRET: secret, TELEGRAM_WEBHOOK_PORT: '8443' })?.webhook)
      .toEqual({ url: 'https://bot.example.org/tg', secret, port: 8443 });
  });
});

describe('text for Telegram', () => {
  it('splits any text into parts within the limit that lose nothing but whitespace at the cuts', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', 'é', '😀'), maxLength: 3_000 }), fc.integer({ min: 20, max: 400 }), (text, max) => {
      const parts = splitText(text, max);
      for (const p of parts) expect(p.length).toBeLessThanOrEqual(max);
      expect(parts.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
      for (const p of parts) expect(/^[\udc00-\udfff]|[\ud800-\udbff]$/.test(p)).toBe(false);
    }));
  });

  it('prefers a paragraph break, then a line break, to a cut in a line', () => {
    expect(splitText(`${'a'.repeat(60)}\n${'b'.repeat(20)}\n\n${'c'.repeat(30)}`, 100)).toEqual([`${'a'.repeat(60)}\n${'b'.repeat(20)}`, 'c'.repeat(30)]);
    expect(splitText(`${'a'.repeat(60)}\n${'b'.repeat(60)}`, 100)).toEqual(['a'.repeat(60), 'b'.repeat(60)]);
  });

  it('escapes text so Telegram reads it back exactly, with no formatting', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('<', '>', '&', 'b', '/', 'a', ' ', ';', '#', '"', 'i') }), (text) => {
      const parsed = parseTelegramHtml(escapeHtml(text));
      expect(parsed).toEqual({ text, entities: [] });
    }));
  });
});

describe('updates the bot listens to', () => {
  it('takes commands for itself and leaves those for other bots', () => {
    expect(commandFor('/checkin@steadfast_bot sober mood:4', 'Steadfast_Bot')).toBe('/checkin sober mood:4');
    expect(commandFor('/checkin@other_bot sober', 'steadfast_bot')).toBeNull();
    // A start link's parameter goes to the core with /start, which decides what it means.
    expect(commandFor('/start invite-code', 'steadfast_bot')).toBe('/start invite-code');
    expect(commandFor('hello', 'steadfast_bot')).toBeNull();
  });

  it('ignores plain talk in a group and channel posts, but takes plain text in a private chat', () => {
    const from = { id: 5, is_bot: false, first_name: 'Ida' };
    const group = { id: -100, type: 'group', title: 'G' };
    const talk = { update_id: 1, message: { message_id: 1, date: 0, from, chat: group, text: 'hi all' } };
    expect(toEvent(talk as never, 'steadfast_bot')).toBeNull();
    const dm = { update_id: 2, message: { message_id: 2, date: 0, from, chat: { id: 5, type: 'private', first_name: 'Ida' }, text: 'Europe/Berlin' } };
    expect(toEvent(dm as never, 'steadfast_bot')).toMatchObject({ event: { account: 'telegram:5', chat: { id: 'telegram:5', kind: 'dm' }, text: 'Europe/Berlin', idempotencyKey: 'telegram:update:2' } });
  });

  it('answers a photo in a private chat with a hint, and a service message not at all', () => {
    const from = { id: 6, is_bot: false, first_name: 'Jo' };
    const chat = { id: 6, type: 'private', first_name: 'Jo' };
    const photo = { update_id: 3, message: { message_id: 3, date: 0, from, chat, photo: [] } };
    expect(toEvent(photo as never, 'steadfast_bot')).toMatchObject({ event: { notice: 'not-text', account: 'telegram:6' } });
    const pinned = { update_id: 4, message: { message_id: 4, date: 0, from, chat, pinned_message: {} } };
    expect(toEvent(pinned as never, 'steadfast_bot')).toBeNull();
  });
});

describe('the command menu', () => {
  it('comes from the catalog, within Telegram’s limits', () => {
    for (const where of ['dm', 'group'] as const) {
      const menu = menuFor(COMMANDS, where);
      expect(menu.length).toBeGreaterThan(0);
      expect(menu.length).toBeLessThanOrEqual(100);
      for (const c of menu) {
        expect(c.command).toMatch(/^[a-z0-9_]{1,32}$/);
        expect(c.description.length).toBeGreaterThanOrEqual(1);
        expect(c.description.length).toBeLessThanOrEqual(256);
      }
    }
    expect(menuFor(COMMANDS, 'group').map((c) => c.command)).not.toContain('export');
  });
});
