// A picture or file Telegram will not take: the person still gets its words, with a short note,
// at once, instead of eight retries over minutes and then nothing. Real telegraf against the
// fake Bot API, which answers sendPhoto/sendDocument with a refusal on demand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errors, FakeTelegram } from '../helpers/fake-telegram.js';
import { outboxSettled, Person, startTelegramTestBot, type TelegramTestBot } from './stack.js';
import type { Reply } from '../../src/ports/reply.js';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const chart = (text: string): Reply => ({
  text, private: true, attachment: { kind: 'image', filename: 'progress.png', data: PNG, alt: 'Your progress: counters and a calendar of recent weeks' },
});

describe('a picture or file Telegram refuses', () => {
  let fake: FakeTelegram;
  let stack: TelegramTestBot;
  let ana: Person;

  beforeAll(async () => {
    fake = await FakeTelegram.start();
    stack = await startTelegramTestBot(fake, { at: '2026-03-10T12:00:00Z' });
    ana = new Person(fake, () => stack, fake.user('Ana'));
    await ana.say('/role recovery');
  }, 60_000);

  afterAll(async () => {
    await stack?.stop();
    await fake?.close();
  });

  const status = async (key: string) => (await stack.db.selectFrom('outbox').select(['status', 'attempts']).where('idem_key', '=', key).executeTakeFirstOrThrow());
  const to = () => ({ chatId: `telegram:${ana.user.id}`, kind: 'dm' as const });

  it('arrives as its text with a note when sendPhoto is answered 400, and the picture is not tried again', async () => {
    fake.failNext('sendPhoto', errors.pictureRefused(), 1);
    const before = ana.inbox().length;
    await stack.queue(to(), to().chatId, [chart('Sober: 12 days. Next milestone: 14 days.')], 'test:refused-photo');
    await outboxSettled(fake, stack.db, 'test:refused-photo');

    const got = ana.inbox().slice(before);
    expect(got).toHaveLength(1);
    expect(got[0]!.method).toBe('sendMessage');
    expect(got[0]!.text).toBe('The picture could not be sent here; the text is below.\n\nSober: 12 days. Next milestone: 14 days.');
    expect(fake.callsOf('sendPhoto').filter((c) => c.status === 400)).toHaveLength(1);
    expect(fake.callsOf('sendPhoto').filter((c) => c.status === 200)).toHaveLength(0);
    expect((await status('test:refused-photo:0')).status).toBe('sent');
  });

  it('sends a file’s text when the server lacks sendDocument (404)', async () => {
    fake.failNext('sendDocument', errors.noSuchMethod(), 1);
    const before = ana.inbox().length;
    const file: Reply = { text: 'Everything I store about you.', private: true, attachment: { kind: 'file', filename: 'export.json', mime: 'application/json', data: new TextEncoder().encode('{}') } };
    await stack.queue(to(), to().chatId, [file], 'test:refused-file');
    await outboxSettled(fake, stack.db, 'test:refused-file');
    const got = ana.inbox().slice(before);
    expect(got.map((m) => m.text)).toEqual(['The file could not be sent here; the text is below.\n\nEverything I store about you.']);
  });

  it('keeps a picture’s description when it had no words of its own', async () => {
    fake.failNext('sendPhoto', errors.pictureRefused(), 1);
    const before = ana.inbox().length;
    await stack.queue(to(), to().chatId, [chart('')], 'test:refused-bare');
    await outboxSettled(fake, stack.db, 'test:refused-bare');
    expect(ana.inbox().slice(before).map((m) => m.text)).toEqual([
      'The picture could not be sent here; the text is below.\n\nYour progress: counters and a calendar of recent weeks',
    ]);
  });

  it('does not send a long text twice: it went ahead of the picture, so only the note follows', async () => {
    fake.failNext('sendPhoto', errors.pictureRefused(), 1);
    const before = ana.inbox().length;
    const long = `${'A week of steady work. '.repeat(60)}End.`; // longer than a caption (1,024)
    await stack.queue(to(), to().chatId, [{ ...chart(long), buttons: [[{ label: 'Check in now', command: '/checkin' }]] }], 'test:refused-long');
    await outboxSettled(fake, stack.db, 'test:refused-long');
    const got = ana.inbox().slice(before);
    expect(got.map((m) => m.text)).toEqual([long, 'The picture could not be sent here.']);
    expect(got[1]!.buttons.flat().map((b) => b.text)).toEqual(['Check in now']);
  });

  it('still retries a picture answered with a 5xx, and then delivers the picture itself', async () => {
    fake.failNext('sendPhoto', errors.serverError(), 1);
    const before = ana.inbox().length;
    await stack.queue(to(), to().chatId, [chart('Your week.')], 'test:photo-5xx');
    await outboxSettled(fake, stack.db, 'test:photo-5xx', 20_000);
    const got = ana.inbox().slice(before);
    expect(got).toHaveLength(1);
    expect(got[0]!.method).toBe('sendPhoto');
    expect(got[0]!.text).toBe('Your week.');
    expect(fake.callsOf('sendPhoto').filter((c) => c.status === 502).length).toBeGreaterThanOrEqual(1);
    expect((await status('test:photo-5xx:0')).attempts).toBe(2);
  }, 30_000);

  it('fails a plain text Telegram refuses for good at once, without eight tries', async () => {
    fake.failNext('sendMessage', errors.textRefused(), 1);
    const calls = fake.callsOf('sendMessage').length;
    await stack.queue(to(), to().chatId, [{ text: 'A text the platform will not take', private: true }], 'test:refused-text');
    await outboxSettled(fake, stack.db, 'test:refused-text');
    const row = await status('test:refused-text:0');
    expect(row.status).toBe('failed');
    expect(row.attempts).toBe(1);
    expect(fake.callsOf('sendMessage').length - calls).toBe(1);
  });
});
