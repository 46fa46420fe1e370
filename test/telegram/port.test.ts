// TelegramPort on its own against the fake Bot API: how a reply becomes Telegram messages,
// and what each Bot API failure means for the outbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramPort } from '../../adapters/telegram/bot.js';
import { loadTelegramConfig } from '../../adapters/telegram/config.js';
import type { TelegramPort } from '../../adapters/telegram/port.js';
import { silentLog } from '../../src/log.js';
import type { OutboundMessage } from '../../src/ports/platform.js';
import { reply, type Reply } from '../../src/ports/reply.js';
import { errors, FakeTelegram, type FakeUser } from '../helpers/fake-telegram.js';

describe('TelegramPort', () => {
  let fake: FakeTelegram;
  let port: TelegramPort;
  let gil: FakeUser;
  let n = 0;

  const toDm = (user: FakeUser, r: Reply): OutboundMessage => ({ key: `k${(n += 1)}`, to: { chatId: `telegram:${user.id}`, kind: 'dm' }, kind: 'reply', reply: r });

  beforeAll(async () => {
    fake = await FakeTelegram.start();
    port = createTelegramPort(loadTelegramConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot })!, silentLog);
    gil = fake.user('Gil');
    fake.say(gil, '/start'); // Gil opened the private chat
  });

  afterAll(async () => {
    await fake?.close();
  });

  it('splits a 5,000-character message at a paragraph into two parts within 4,096, buttons on the last', async () => {
    const first = 'a'.repeat(3_000);
    const second = 'b'.repeat(1_998);
    const before = fake.sent.length;
    const r = await port.send(toDm(gil, reply(`${first}\n\n${second}`, { buttons: [[{ label: 'Done', command: '/checkin done' }]] })));
    expect(r.ok).toBe(true);
    const parts = fake.sent.slice(before);
    expect(parts.map((p) => p.text)).toEqual([first, second]);
    expect(parts.every((p) => p.text.length <= 4_096)).toBe(true);
    expect(parts.map((p) => p.buttons.length)).toEqual([0, 1]);
  });

  it('sends a picture with its text as the caption, and a file as a document', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    await port.send(toDm(gil, reply('Your progress <3', { attachment: { kind: 'image', filename: 'p.png', data: png, alt: 'chart' } })));
    const photo = fake.sent.at(-1)!;
    expect(photo).toMatchObject({ method: 'sendPhoto', text: 'Your progress <3' });
    expect(photo.file!.data).toEqual(Buffer.from(png));
    await port.send(toDm(gil, reply('Your data', { attachment: { kind: 'file', filename: 'export.json', mime: 'application/json', data: new TextEncoder().encode('{}') } })));
    expect(fake.sent.at(-1)).toMatchObject({ method: 'sendDocument', text: 'Your data', file: { filename: 'export.json' } });
  });

  it('maps a 429 to rate_limited with retry_after in milliseconds', async () => {
    fake.failNext('sendMessage', errors.tooMany(7));
    expect(await port.send(toDm(gil, reply('hi')))).toEqual({ ok: false, error: 'rate_limited', retryAfterMs: 7_000 });
  });

  it('sends only the missing part of a long message again after a 429 in the middle', async () => {
    const msg = toDm(gil, reply(`${'x'.repeat(4_000)}\n${'y'.repeat(500)}`));
    const before = fake.sent.length;
    fake.intercept = (method) => (method === 'sendMessage' && fake.sent.length > before ? errors.tooMany(1) : undefined);
    expect((await port.send(msg)).ok).toBe(false);
    fake.intercept = null;
    expect((await port.send(msg)).ok).toBe(true);
    expect(fake.sent.slice(before).map((m) => m.text[0])).toEqual(['x', 'y']);
  });

  it.each([
    ['blocked by the user', errors.blocked()],
    ['never started the bot', errors.cannotInitiate()],
    ['deactivated', { status: 403, description: 'Forbidden: user is deactivated' }],
    ['an unknown chat', errors.chatNotFound()],
  ])('maps %s to unreachable', async (_what, error) => {
    fake.failNext('sendMessage', error);
    expect(await port.send(toDm(gil, reply('hi')))).toMatchObject({ ok: false, error: 'unreachable' });
  });

  it('maps server and network errors to transient', async () => {
    fake.failNext('sendMessage', errors.serverError());
    expect(await port.send(toDm(gil, reply('hi')))).toMatchObject({ ok: false, error: 'transient' });
    const offline = createTelegramPort({ token: fake.token, apiRoot: 'http://127.0.0.1:9' }, silentLog);
    const r = await offline.send(toDm(gil, reply('hi')));
    expect(r).toMatchObject({ ok: false, error: 'transient' });
    expect(JSON.stringify(r)).not.toContain(fake.token.split(':')[1]);
  });

  it('tells the dispatcher that a group became a supergroup, and sends there once moved', async () => {
    const group = fake.group('Old group');
    const supergroup = fake.migrate(group);
    const msg: OutboundMessage = { key: 'g1', to: { chatId: `telegram:${group.id}`, kind: 'group' }, kind: 'group', reply: reply('Roll call', { private: false }) };
    expect(await port.send(msg)).toEqual({ ok: false, error: 'moved', newChatId: `telegram:${supergroup.id}` });
    expect(await port.send({ ...msg, to: { chatId: `telegram:${supergroup.id}`, kind: 'group' } })).toMatchObject({ ok: true });
    expect(fake.messagesTo(supergroup).map((m) => m.text)).toEqual(['Roll call']);
  });

  it('leaves out a button whose command is longer than Telegram’s 64 bytes', async () => {
    const long = `/goal add ${'é'.repeat(40)}`;
    const r = await port.send(toDm(gil, reply('Pick one', { buttons: [[{ label: 'Long', command: long }, { label: 'Short', command: '/goals' }]] })));
    expect(r.ok).toBe(true);
    expect(fake.sent.at(-1)!.buttons).toEqual([[{ text: 'Short', callback_data: '/goals' }]]);
  });
});
