// The bot restarts in the middle of a guided check-in: the buttons already in the chat
// carry their whole command, so they keep working with a new process on the same database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegram } from '../helpers/fake-telegram.js';
import { Person, startTelegramTestBot, texts, type TelegramTestBot } from './stack.js';

describe('a restart in the middle of a guided check-in', () => {
  let fake: FakeTelegram;
  let stack: TelegramTestBot;
  let dana: Person;

  beforeAll(async () => {
    fake = await FakeTelegram.start();
    stack = await startTelegramTestBot(fake);
    dana = new Person(fake, () => stack, fake.user('Dana'));
    await dana.say('/role recovery');
    await dana.say('/timezone UTC');
  });

  afterAll(async () => {
    await stack?.stop();
    await fake?.close();
  });

  it('keeps the old buttons working after the bot is stopped and started again', async () => {
    await dana.say('/checkin');
    const moodQuestion = (await dana.press('Sober')).at(-1)!;
    expect(moodQuestion.text).toContain('How is your mood');

    const file = stack.file;
    await stack.stop();
    stack = await startTelegramTestBot(fake, { file });

    const work = await dana.press('3', moodQuestion);
    expect(texts(work)).toContain('Any healing work today?');
    await dana.press('exercise');
    const done = await dana.press('Done');
    expect(texts(done)).toMatch(/sober · mood 3 · exercise/);
  });

  it('does not handle an update again that was confirmed before the restart', async () => {
    const before = fake.sent.length;
    const file = stack.file;
    await stack.stop();
    stack = await startTelegramTestBot(fake, { file });
    const help = await dana.say('/help');
    expect(texts(help)).toContain('Here is what I can do');
    // Only the new /help was answered: nothing from before the restart came again.
    expect(fake.sent.slice(before).filter((m) => m.chatId === dana.user.id)).toHaveLength(help.length);
  });
});
