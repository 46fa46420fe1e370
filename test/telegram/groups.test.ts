// Accountability groups on Telegram: who may set one up, private answers to commands sent
// in a group, and a group that becomes a supergroup.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_PRIVATE_CHAT, ADDED_TO_GROUP } from '../../src/messages/platform-notices.js';
import { reply } from '../../src/ports/reply.js';
import { FakeTelegram, type FakeChat } from '../helpers/fake-telegram.js';
import { outboxSettled, Person, startTelegramTestBot, texts, type TelegramTestBot } from './stack.js';

describe('the Telegram bot in a group', () => {
  let fake: FakeTelegram;
  let stack: TelegramTestBot;
  let alex: Person; // an admin of the group, who has a private chat with the bot
  let bo: Person; // a member who never opened a private chat with the bot
  let cy: Person; // a member with a private chat, not an admin
  let group: FakeChat;

  beforeAll(async () => {
    fake = await FakeTelegram.start();
    stack = await startTelegramTestBot(fake);
    alex = new Person(fake, () => stack, fake.user('Alex'));
    bo = new Person(fake, () => stack, fake.user('Bo'));
    cy = new Person(fake, () => stack, fake.user('Cy'));
    group = fake.group('Tuesday group', [alex.user], [bo.user, cy.user]);
    await Promise.all([alex.say('/role recovery'), cy.say('/role partner')]);
    await Promise.all([alex.say('/timezone UTC'), cy.say('/timezone UTC')]);
  });

  const groupRow = (chatId: number) => stack.db.selectFrom('groups').selectAll().where('id', '=', `telegram:${chatId}`).executeTakeFirst();

  afterAll(async () => {
    await stack?.stop();
    await fake?.close();
  });

  it('says hello when added to a group, with nothing personal', async () => {
    const added = { my_chat_member: {
      chat: group, from: alex.user, date: 0,
      old_chat_member: { status: 'left', user: fake.bot }, new_chat_member: { status: 'member', user: fake.bot },
    } };
    const seen = await alex.act(() => fake.pushUpdates(added), group);
    expect(texts(seen.group)).toBe(ADDED_TO_GROUP);
  });

  it('answers a sensitive command sent in a group in the private chat, and never echoes it in the group', async () => {
    const seen = await alex.sayIn(group, '/checkin sober mood:4 note:a hard talk with my boss');
    expect(texts(seen.dm)).toContain('Checked in');
    expect(texts(seen.dm)).toContain('mood 4');
    expect(seen.group).toEqual([]);
    expect(fake.messagesTo(group).map((m) => m.text).join('\n')).not.toMatch(/mood|boss|sober/);
  });

  it('does not answer plain talk in a group', async () => {
    const seen = await alex.sayIn(group, 'good morning everyone');
    expect(seen).toEqual({ dm: [], group: [] });
  });

  it('asks someone who never opened a private chat to open one, with a neutral note only', async () => {
    const seen = await bo.sayIn(group, '/checkin mood:2 note:everything is falling apart');
    expect(texts(seen.group)).toBe(OPEN_PRIVATE_CHAT);
    expect(fake.callsOf('sendMessage').filter((c) => Number(c.params.chat_id) === bo.user.id)).toEqual([]);
  });

  it('lets a group admin set the group up, checking with getChatMember', async () => {
    const before = fake.callsOf('getChatMember').length;
    const seen = await alex.sayIn(group, '/group setup 20:00');
    const asked = fake.callsOf('getChatMember').slice(before);
    expect(asked.map((c) => [Number(c.params.chat_id), Number(c.params.user_id)])).toEqual([[group.id, alex.user.id]]);
    expect(await groupRow(group.id)).toMatchObject({ prompt_time: '20:00' });
    expect(texts([...seen.group, ...seen.dm])).not.toMatch(/only .*admin/i);
  });

  it('refuses /group setup to a member who is not an admin', async () => {
    const before = fake.callsOf('getChatMember').length;
    const seen = await cy.sayIn(group, '/group setup 21:00');
    expect(fake.callsOf('getChatMember').slice(before).map((c) => Number(c.params.user_id))).toEqual([cy.user.id]);
    expect(await groupRow(group.id)).toMatchObject({ prompt_time: '20:00' });
    expect(texts([...seen.group, ...seen.dm])).toMatch(/admin/i);
  });

  it('posts the daily group prompt and a roll call that names only those who agreed', async () => {
    const joined = await alex.sayIn(group, '/group join');
    // The consent buttons may come in the group or privately; either way a press sets Alex's own consent.
    const consent = [...joined.dm, ...joined.group].find((m) => m.buttons.flat().some((b) => b.text === 'Name me in the roll call'));
    await alex.act(() => fake.press(alex.user, consent!, 'Name me in the roll call'), group);
    await cy.sayIn(group, '/group join');
    await bo.sayIn(group, '/group join');
    await cy.say('/checkin mood:4');

    stack.clock.advance(Date.parse('2026-03-10T20:01:00Z') - stack.clock.now().getTime());
    await stack.core.tick();
    await outboxSettled(fake, stack.db, 'group-prompt:');
    stack.clock.advance(Date.parse('2026-03-10T22:31:00Z') - stack.clock.now().getTime());
    await stack.core.tick();
    await outboxSettled(fake, stack.db, 'group-rollcall:');

    const posted = fake.messagesTo(group).map((m) => m.text);
    expect(posted.filter((t) => t.startsWith("Time for today's check-in"))).toHaveLength(1);
    const rollCall = posted.filter((t) => t.startsWith('Roll call'));
    // Cy checked in but did not agree to be named, and with Bo the only other unnamed member, no count is shown:
    // it would tell the group (and Bo) that Cy checked in.
    expect(rollCall).toEqual(['Roll call: Alex checked in today.\nEvery check-in counts, and tomorrow is a new day.']);
    expect(posted.join('\n')).not.toMatch(/Cy|mood|\d of \d/);
  }, 45_000);

  it('keeps @names in group messages from pinging anyone', async () => {
    await stack.queue({ chatId: `telegram:${group.id}`, kind: 'group' }, null,
      [reply('Well done, @everyone_here and @alex_smith!', { private: false })], 'test:group-mention');
    await outboxSettled(fake, stack.db, 'test:group-mention');
    const sent = fake.messagesTo(group).at(-1)!;
    expect(sent.text.replace(/\u2060/g, '')).toBe('Well done, @everyone_here and @alex_smith!');
    expect(sent.entities.filter((e) => e.type === 'mention')).toEqual([]);
  });

  it('follows a group that became a supergroup: the message in flight arrives in the new chat', async () => {
    const supergroup = fake.migrate(group);
    await stack.queue({ chatId: `telegram:${group.id}`, kind: 'group' }, null,
      [reply('Roll call: 3 of 4 checked in today.', { private: false })], 'test:after-migration');
    await outboxSettled(fake, stack.db, 'test:after-migration');
    expect(texts(fake.messagesTo(supergroup))).toContain('Roll call');
    // The accountability group moved with it.
    expect(await groupRow(group.id)).toBeUndefined();
    expect(await groupRow(supergroup.id)).toMatchObject({ prompt_time: '20:00' });
    group = supergroup;
  });

  it('moves the group in the core when Telegram says it migrated', async () => {
    const old = fake.group('Old basic group', [alex.user]);
    // A message waiting for the old chat (not due for an hour) must follow the group.
    await stack.queue({ chatId: `telegram:${old.id}`, kind: 'group' }, null, [reply('Later today', { private: false })], 'test:waiting');
    await stack.db.updateTable('outbox').set({ not_before: new Date(stack.clock.now().getTime() + 3_600_000).toISOString() }).where('idem_key', '=', 'test:waiting:0').execute();
    const update = { message: { message_id: 9, chat: old, from: alex.user, date: 0, migrate_to_chat_id: -1_000_000_123_456 } };
    await alex.act(() => fake.pushUpdates(update));
    const row = await stack.db.selectFrom('outbox').select('chat_id').where('idem_key', '=', 'test:waiting:0').executeTakeFirstOrThrow();
    expect(row.chat_id).toBe('telegram:-1000000123456');
  });

  it('someone who leaves the Telegram group, or is removed from it, leaves its accountability group, quietly', async () => {
    const members = async () => (await stack.db.selectFrom('group_members').innerJoin('accounts', 'accounts.person_id', 'group_members.person_id')
      .select('accounts.id').where('group_members.group_id', '=', `telegram:${group.id}`).execute()).map((r) => r.id).sort();
    const account = (p: Person) => `telegram:${p.user.id}`;
    expect(await members()).toEqual([alex, bo, cy].map(account).sort());
    // Cy leaves by herself (a service message); Bo is removed by an admin (a chat_member update, sent to admin bots).
    const left = await cy.act(() => fake.pushUpdates({ message: { message_id: 77, chat: group, from: cy.user, date: 0, left_chat_member: cy.user } }), group);
    const removed = await alex.act(() => fake.pushUpdates({ chat_member: {
      chat: group, from: alex.user, date: 0,
      old_chat_member: { status: 'member', user: bo.user }, new_chat_member: { status: 'kicked', user: bo.user, until_date: 0 },
    } }), group);
    expect(await members()).toEqual([account(alex)]);
    expect([...left.dm, ...left.group, ...removed.dm, ...removed.group]).toEqual([]);
    expect(fake.messagesTo(cy.dm).at(-1)?.text ?? '').not.toMatch(/left|group/i);
  });
});
