// Two people on Telegram link as a person in recovery and their sponsor, and an SOS
// reaches the sponsor's private chat.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegram } from '../helpers/fake-telegram.js';
import { outboxSettled, Person, startTelegramTestBot, texts, type TelegramTestBot } from './stack.js';

describe('a person and their sponsor on Telegram', () => {
  let fake: FakeTelegram;
  let stack: TelegramTestBot;
  let sam: Person;
  let ray: Person;

  beforeAll(async () => {
    fake = await FakeTelegram.start();
    stack = await startTelegramTestBot(fake);
    sam = new Person(fake, () => stack, fake.user('Sam'));
    ray = new Person(fake, () => stack, fake.user('Ray'));
    await Promise.all([sam.say('/role recovery'), ray.say('/role supporter')]);
    await Promise.all([sam.say('/timezone UTC'), ray.say('/timezone UTC')]);
  });

  afterAll(async () => {
    await stack?.stop();
    await fake?.close();
  });

  it('links by an invitation code, and an SOS reaches the sponsor privately', async () => {
    const invited = texts(await sam.say('/invite sponsor'));
    const code = /\/accept (\S+)/.exec(invited)?.[1];
    expect(code, invited).toBeDefined();
    const accepted = texts(await ray.say(`/accept ${code}`));
    expect(accepted).toContain("You are now Sam's sponsor");

    const before = ray.inbox().length;
    const sos = await sam.say('/sos');
    expect(texts(sos).length).toBeGreaterThan(0);
    await outboxSettled(fake, stack.db, 'sos');
    await fake.waitFor(() => ray.inbox().length > before, 10_000, 'the SOS at the sponsor');
    expect(texts(ray.inbox().slice(before))).toContain('Sam');
  });
});
