// Sending under pressure: a 429 storm during a prompt run, a person who blocked the bot,
// and long polling that meets errors and keeps going.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errors, FakeTelegram } from '../helpers/fake-telegram.js';
import { outboxSettled, Person, startTelegramTestBot, texts, type TelegramTestBot } from './stack.js';

describe('Telegram delivery under pressure', () => {
  let fake: FakeTelegram;
  let stack: TelegramTestBot;
  let people: Person[];

  beforeAll(async () => {
    fake = await FakeTelegram.start();
    stack = await startTelegramTestBot(fake, { at: '2026-03-10T12:00:00Z' });
    people = ['Ana', 'Ben', 'Caro', 'Dev', 'Eli'].map((n) => new Person(fake, () => stack, fake.user(n)));
    await Promise.all(people.map(async (p) => {
      await p.say('/role recovery');
      await p.say('/timezone UTC');
      await p.say('/schedule 12:30');
    }));
  }, 60_000);

  afterAll(async () => {
    await stack?.stop();
    await fake?.close();
  });

  it('delivers every prompt exactly once through a 429 storm, waiting as long as Telegram asks', async () => {
    let sends = 0;
    // Three refusals in a row, then every other send is refused, each asking for a 1 s wait.
    fake.intercept = (method) => {
      if (method !== 'sendMessage') return undefined;
      sends += 1;
      return sends <= 3 || sends % 2 === 0 ? errors.tooMany(1) : undefined;
    };
    stack.clock.advance(31 * 60_000);
    const report = await stack.core.tick();
    expect(report.prompts).toBe(5);
    await outboxSettled(fake, stack.db, 'prompt:', 45_000);
    fake.intercept = null;

    for (const p of people) {
      const prompts = p.inbox().filter((m) => m.text.startsWith('Time for your check-in.'));
      expect(prompts, p.user.first_name).toHaveLength(1);
      expect(prompts[0]!.buttons.flat().map((b) => b.text)).toEqual(['Check in now']);
    }
    const calls = fake.callsOf('sendMessage');
    const refused = calls.filter((c) => c.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(5);
    // After each 429, nothing more was sent before its retry_after had passed.
    for (const r of refused) {
      const tooSoon = calls.filter((c) => c.at > r.at && c.at < r.at + 900);
      expect(tooSoon).toEqual([]);
    }
  }, 60_000);

  it('marks a person who blocked the bot unreachable, and says so when they come back', async () => {
    const [ana] = people;
    fake.block(ana!.user);
    await stack.queue({ chatId: `telegram:${ana!.user.id}`, kind: 'dm' }, `telegram:${ana!.user.id}`,
      [{ text: 'A message that cannot arrive', private: true }], 'test:blocked');
    await outboxSettled(fake, stack.db, 'test:blocked');
    const row = await stack.db.selectFrom('outbox').select(['status']).where('idem_key', '=', 'test:blocked:0').executeTakeFirstOrThrow();
    expect(row.status).toBe('unreachable');
    fake.unblock(ana!.user);
    const back = await ana!.say('/help');
    expect(texts(back)).toContain('I could not reach you by direct message earlier');
  });

  it('keeps polling through 429 and 5xx answers to getUpdates', async () => {
    const [, ben] = people;
    fake.failNext('getUpdates', errors.tooMany(1), 1);
    fake.failNext('getUpdates', errors.serverError(), 1);
    const answered = await ben!.say('/help');
    expect(texts(answered)).toContain('Here is what I can do');
  }, 30_000);

  it('starts polling again after an error that ends telegraf’s own loop', async () => {
    const [, , caro] = people;
    fake.failNext('getUpdates', { status: 409, description: 'Conflict: terminated by other getUpdates request' }, 1);
    await caro!.say('/help');
    await fake.waitFor(() => fake.callsOf('getUpdates').some((c) => c.status === 409), 5_000, 'the 409');
    // Only a new polling loop can pick this one up.
    const answered = await caro!.say('/help');
    expect(texts(answered)).toContain('Here is what I can do');
  }, 30_000);
});
