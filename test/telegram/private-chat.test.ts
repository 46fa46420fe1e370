// One person and the bot in a private Telegram chat, through the real telegraf, the real
// core on SQLite and the fake Bot API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegram } from '../helpers/fake-telegram.js';
import { Person, startTelegramTestBot, texts, type TelegramTestBot } from './stack.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

describe('a person in a private chat with the Telegram bot', () => {
  let fake: FakeTelegram;
  let stack: TelegramTestBot;
  let sam: Person;

  beforeAll(async () => {
    fake = await FakeTelegram.start();
    stack = await startTelegramTestBot(fake);
    sam = new Person(fake, () => stack, fake.user('Sam'));
  });

  afterAll(async () => {
    await stack?.stop();
    await fake?.close();
  });

  it('publishes the command menu from the core catalog for private chats and groups, once', async () => {
    await fake.waitFor(() => fake.commands.size === 2, 10_000, 'two menus');
    const dm = fake.commands.get('all_private_chats') as { command: string; description: string }[];
    const group = fake.commands.get('all_group_chats') as { command: string; description: string }[];
    expect(dm.map((c) => c.command)).toEqual(stack.core.commands.filter((c) => c.where !== 'group-only').map((c) => c.name));
    expect(group.map((c) => c.command)).not.toContain('export');
    expect(dm.find((c) => c.command === 'checkin')?.description).toBe(stack.core.commands.find((c) => c.name === 'checkin')!.summary);
    for (const c of dm) expect(c.description.length).toBeLessThanOrEqual(256);
    expect(fake.callsOf('setMyCommands')).toHaveLength(2);
  });

  it('onboards by buttons: role, then time zone, then check-in time', async () => {
    const welcome = await sam.say('/start');
    expect(texts(welcome)).toMatch(/private/i);
    const zones = await sam.press("I'm in recovery");
    expect(texts(zones)).toContain('Which time zone are you in?');
    expect(zones.at(-1)!.buttons.flat().map((b) => b.text)).toContain('Europe/Berlin');
    const times = await sam.press('Europe/Berlin');
    expect(texts(times)).toContain('Time zone set to Europe/Berlin');
    const scheduled = await sam.press('22:00');
    expect(texts(scheduled)).toContain('Your check-in reminder will come at 22:00 (Europe/Berlin)');
    // Every press was answered, so no button keeps spinning.
    await fake.waitFor(() => fake.answeredCallbacks.length >= 3, 5_000, 'answered presses');
  });

  it('takes a typed time zone after "Another zone", as plain text', async () => {
    await sam.say('/timezone');
    await sam.press('Another zone (type it)');
    const set = await sam.say('Pacific/Honolulu');
    expect(texts(set)).toContain('Time zone set to Pacific/Honolulu');
    await sam.say('/timezone Europe/Berlin');
  });

  it('takes a check-in by buttons: status, mood, healing work toggles, then done', async () => {
    const first = await sam.say('/checkin');
    expect(texts(first)).toContain('Did you stay sober');
    const mood = await sam.press('Sober');
    expect(texts(mood)).toContain('How is your mood');
    const work = await sam.press('4');
    expect(texts(work)).toContain('Any healing work today?');
    const toggled = await sam.press('group meeting');
    expect(toggled.at(-1)!.buttons.flat().map((b) => b.text)).toContain('✓ group meeting');
    const untoggled = await sam.press('✓ group meeting');
    expect(untoggled.at(-1)!.buttons.flat().map((b) => b.text)).toContain('group meeting');
    await sam.press('self-care');
    const done = await sam.press('Done');
    expect(texts(done)).toMatch(/check-in for .*: sober · mood 4 · self-care/i);
  });

  it('changes the pressed check-in message in place instead of sending a new one for each tap', async () => {
    const question = (await sam.say('/checkin'))[0]!;
    expect(texts([question])).toContain('Did you stay sober');
    const before = sam.inbox().length;
    const answered = await sam.press('Middle circle', question);
    // The same message now shows the answer and the next step; nothing new arrived in the chat.
    expect(answered.map((m) => m.messageId)).toEqual([question.messageId]);
    expect(sam.inbox()).toHaveLength(before);
    expect(texts(answered)).toContain('middle circle');
    expect(fake.callsOf('editMessageText').at(-1)!.params).toMatchObject({ message_id: question.messageId });
    // A typed command is answered with a new message, as before.
    const typed = await sam.say('/checkin sober');
    expect(typed.every((m) => m.messageId > question.messageId)).toBe(true);
  });

  it('takes a note after "Add a note" as the next plain message', async () => {
    await sam.press('Add a note', sam.lastWithButton('Add a note'));
    const saved = await sam.say('Called my sponsor before the hard part of the evening');
    expect(texts(saved)).toContain('private note saved');
    expect(texts(saved)).not.toContain('Called my sponsor');
  });

  it('takes a check-in as one line, and a second one the same day updates the first', async () => {
    const again = await sam.say('/checkin sober mood:5 did:meeting');
    expect(texts(again)).toContain('Updated your check-in');
    expect(texts(again)).toContain('mood 5');
  });

  it('shows /progress as text and a picture', async () => {
    const progress = await sam.say('/progress');
    const photo = progress.find((m) => m.method === 'sendPhoto');
    expect(photo?.file?.data.subarray(0, 4)).toEqual(PNG_SIGNATURE);
    expect(texts(progress)).toMatch(/sober/i);
  });

  it('sends /export as a JSON document in the private chat', async () => {
    const exported = await sam.say('/export');
    const doc = exported.find((m) => m.method === 'sendDocument');
    expect(doc?.file?.filename).toMatch(/^steadfast-export-.*\.json$/);
    const data = JSON.parse(doc!.file!.data.toString('utf8')) as { format: string };
    expect(data.format).toBe('steadfast-export-1');
  });

  it('escapes what a person typed: it never arrives as markup', async () => {
    const typed = '<b>x</b> & @everyone';
    await sam.say(`/goal add ${typed}`);
    const listed = await sam.say('/goals');
    const goal = listed.find((m) => m.text.includes(typed));
    expect(goal, texts(listed)).toBeDefined();
    expect(goal!.entities.filter((e) => e.type !== 'mention')).toEqual([]);
    const feeling = await sam.say('/checkin feeling:<i>calm</i>');
    expect(texts(feeling)).toContain('(<i>calm</i>)');
    expect(feeling.flatMap((m) => m.entities).filter((e) => e.type === 'italic')).toEqual([]);
  });

  it('answers the same update delivered twice once, and changes state once', async () => {
    const update = { ...fake.messageUpdate(sam.user, '/goal add Walk after dinner'), update_id: 900_001 };
    const answers = await sam.act(() => fake.pushUpdates(update, update));
    expect(answers.dm.filter((m) => m.text.includes('set'))).toHaveLength(1);
    const listed = texts(await sam.say('/goals'));
    expect(listed.match(/Walk after dinner/g)).toHaveLength(1);
  });

  it('ignores a command addressed to another bot, and understands one addressed to this bot', async () => {
    expect(await sam.say('/help@some_other_bot')).toEqual([]);
    expect(texts(await sam.say(`/help@${fake.bot.username}`))).toContain('Here is what I can do');
  });
});
