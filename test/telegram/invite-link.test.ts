// A sponsor's first tap: the invitation link opens the bot, and Telegram sends `/start PAYLOAD`.
// Through the real telegraf, the real core on SQLite, and the fake Bot API (whose getMe names the bot).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegram, type SentMessage } from '../helpers/fake-telegram.js';
import { Person, startTelegramTestBot, texts, type TelegramTestBot } from './stack.js';

const HOUR = 3_600_000;
const LINK = /https:\/\/t\.me\/steadfast_test_bot\?start=(accept-[0-9A-Z]{10})/;

const firstLines = (messages: SentMessage[]) => messages.map((m) => m.text.split('\n')[0]);
/** What someone new reads, message by message: the privacy notice, the invitation's answer, the question of their role. */
const newcomerSees = (answer: string) => [expect.stringContaining('Welcome to Steadfast'), answer, expect.stringContaining('Which of these fits you?')];

describe('an invitation link on Telegram', () => {
  let fake: FakeTelegram;
  let stack: TelegramTestBot;
  let ana: Person;
  /** The link Sam tapped: used from then on. */
  let usedPayload = '';

  beforeAll(async () => {
    fake = await FakeTelegram.start();
    stack = await startTelegramTestBot(fake);
    ana = new Person(fake, () => stack, fake.user('Ana'));
    await ana.say('/role recovery');
  });

  afterAll(async () => {
    await stack?.stop();
    await fake?.close();
  });

  /** Ana's /invite: her own note, and the message she forwards, which carries the link. */
  async function invite(relation: string): Promise<{ forwardable: SentMessage; payload: string }> {
    const [note, forwardable] = await ana.say(`/invite ${relation}`);
    expect(note!.text).toContain('Forward the next message to them');
    const payload = LINK.exec(forwardable!.text)?.[1];
    if (!payload) throw new Error(`no start link in: ${forwardable!.text}`);
    return { forwardable: forwardable!, payload };
  }

  it('links someone new in one tap: privacy notice first, then the link, then their role and time zone', async () => {
    const { forwardable, payload } = await invite('sponsor');
    usedPayload = payload;
    expect(forwardable.text.split('\n')[0]).toBe('Ana invites you to be their sponsor on Steadfast.');
    expect(forwardable.text).toMatch(/\/accept [0-9A-Z]{5}-[0-9A-Z]{5}/);

    const sam = new Person(fake, () => stack, fake.user('Sam'));
    const first = await sam.say(`/start ${payload}`);
    expect(firstLines(first)).toEqual(newcomerSees(
      "You are now Ana's sponsor. You will receive what they choose to share: missed check-in alerts, SOS calls, milestone news. End it any time with /unlink.",
    ));
    expect(fake.messagesTo(ana.dm).at(-1)!.text).toBe('Sam accepted your invitation and is now your sponsor. See /links.');

    const role = await sam.press("I'm a sponsor, coach or accountability partner");
    expect(texts(role)).toContain('What you will see: only what each person chooses to share with you');
    expect(texts(role)).toContain('Which time zone are you in?');
    const zone = await sam.press('Europe/Berlin');
    expect(texts(zone)).toContain('Time zone set to Europe/Berlin');
    expect(await linkCount()).toBe(1);
  });

  it('refuses a link that was used already, or is older than 24 hours, and links no one', async () => {
    const bo = new Person(fake, () => stack, fake.user('Bo'));
    const again = await bo.say(`/start ${usedPayload}`);
    expect(firstLines(again)).toEqual(newcomerSees(
      'That invitation link no longer works: it has been used already or is older than 24 hours. Ask the person who sent it for a new one.',
    ));

    const old = await invite('sponsor');
    stack.clock.advance(25 * HOUR);
    const late = await bo.say(`/start ${old.payload}`);
    expect(texts(late)).toContain('That invitation link no longer works');
    expect(await linkCount()).toBe(1);
  });

  async function linkCount(): Promise<number> {
    return (await stack.db.selectFrom('links').select('id').where('ended_at', 'is', null).execute()).length;
  }
});
