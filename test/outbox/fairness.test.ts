// Who goes first when the outbox holds more than the platform lets out: an SOS before a
// backlog of thousands, alerts before prompts, and every chat its own turn, so one flooding
// group never holds back anyone else's message. With nothing it may send, the dispatcher sleeps.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { SettableClock } from '../../src/clock.js';
import type { MessageTopic } from '../../src/domain/message-topic.js';
import { silentLog } from '../../src/log.js';
import { Dispatcher } from '../../src/outbox/dispatcher.js';
import type { RateLimits } from '../../src/ports/platform.js';
import { reply } from '../../src/ports/reply.js';
import { openDatabase, type Db } from '../../src/store/database.js';
import { enqueueMessage, outboxCounts } from '../../src/store/outbox.js';
import { createTextSeal, type TextSeal } from '../../src/store/sealed-text.js';
import { InProcessPlatform } from '../helpers/in-process-platform.js';

/** Telegram's limits: 30 a second overall, one a second per chat, 20 a minute per group. */
const TELEGRAM: RateLimits = { perSecond: 30, perChatPerSecond: 1, perGroupPerMinute: 20 };
const NOON = new Date('2026-03-10T12:00:00Z');

interface World { db: Db; seal: TextSeal; clock: SettableClock; fake: InProcessPlatform; dispatcher: Dispatcher }
let world: World | null = null;
afterEach(async () => {
  await world?.dispatcher.stop();
  await world?.db.destroy();
  world = null;
});

async function setup(limits: RateLimits = TELEGRAM, leads?: (platform: string) => boolean): Promise<World> {
  const db = await openDatabase({ kind: 'sqlite-memory' });
  const seal = createTextSeal(randomBytes(32));
  const clock = new SettableClock(NOON);
  const fake = new InProcessPlatform({ limits, clock });
  const dispatcher = new Dispatcher({ db, seal, clock, log: silentLog, ports: [fake], ...(leads ? { leads } : {}) });
  world = { db, seal, clock, fake, dispatcher };
  return world;
}

let seq = 0;
/** Queues `n` messages about `topic` to one chat (a group when its id says so), in one transaction. */
async function queue(w: World, chat: string, topic: MessageTopic, n = 1, urgent = false): Promise<void> {
  await w.db.transaction().execute(async (trx) => {
    for (let i = 0; i < n; i += 1) {
      seq += 1;
      await enqueueMessage(trx, w.seal, {
        key: `${topic}:${chat}:${seq}`, topic, to: { chatId: chat, kind: chat.includes('group') ? 'group' : 'dm' },
        recipientId: null, urgent, reply: reply(`message ${seq}`), notBefore: w.clock.now(),
      }, w.clock.now());
    }
  });
}

/** Thousands of prompts, one to each of `n` people (a 20:00 wave). */
async function wave(w: World, n: number): Promise<void> {
  for (let i = 0; i < n; i += 500) {
    await w.db.transaction().execute(async (trx) => {
      for (let j = i; j < Math.min(n, i + 500); j += 1) {
        await enqueueMessage(trx, w.seal, {
          key: `prompt:${j}`, topic: 'prompt', to: { chatId: `test:p${j}`, kind: 'dm' }, recipientId: null,
          reply: reply('How was today?'), notBefore: w.clock.now(),
        }, w.clock.now());
      }
    });
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: string, cond: () => boolean, ms = 10_000): Promise<void> {
  const end = performance.now() + ms;
  while (!cond()) {
    if (performance.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await sleep(5);
  }
}

describe('a flood in one chat', () => {
  it('never holds back another chat: its message goes out before the flooding group gets its next turn', async () => {
    const w = await setup();
    // 3,000 queued to one group, far more than any window of oldest rows; it may send one every 3 s.
    await queue(w, 'test:group-flood', 'group-notice', 3_000);
    w.dispatcher.start();
    await until('the group gets its first message', () => w.fake.deliveredTo('test:group-flood').length === 1);

    // Someone else asks something in their private chat while the group's backlog waits.
    await queue(w, 'test:ana', 'answer');
    w.dispatcher.poke();
    await until('ana gets her answer', () => w.fake.deliveredTo('test:ana').length === 1, 2_500);
    // Ana was not behind the group: it is still on its first turn (its next is 3 s after the first).
    expect(w.fake.deliveredTo('test:group-flood')).toHaveLength(1);

    // And ten other people at once, each on their own turn.
    for (let i = 0; i < 10; i += 1) await queue(w, `test:dm${i}`, 'answer');
    w.dispatcher.poke();
    await until('all ten get theirs', () => Array.from({ length: 10 }, (_, i) => w.fake.deliveredTo(`test:dm${i}`).length).every((n) => n === 1), 2_500);
    expect(w.fake.deliveredTo('test:group-flood').length).toBeLessThanOrEqual(2);
  });

  it('a group queued last in a wave is not left to trail it: its slots, three seconds apart, start at once', async () => {
    const w = await setup();
    // 300 prompts in private chats first, then two messages for a group (20 a minute: one every 3 s).
    await wave(w, 300);
    w.clock.set(new Date(NOON.getTime() + 1_000));
    await queue(w, 'test:group-late', 'group-notice', 2);
    w.dispatcher.start();
    await until('the group has its first message', () => w.fake.deliveredTo('test:group-late').length === 1, 5_000);
    // It went among the first few, not after the 300 older private prompts (about ten seconds of sending).
    expect(w.fake.delivered.length).toBeLessThanOrEqual(10);
  });

  it('rows claimed ahead of their slots are not taken back as interrupted when the clock jumps (the console moving hours)', async () => {
    const w = await setup();
    await wave(w, 60); // two seconds of sending at 30 a second: claims run ahead of the sends
    w.dispatcher.start();
    await until('sending has begun', () => w.fake.delivered.length > 0, 5_000);
    w.clock.advance(3 * 3_600_000);
    expect(await w.dispatcher.recover()).toEqual({ requeued: 0, failed: 0 });
    await until('all sixty out', () => w.fake.delivered.length >= 60, 10_000);
    await w.dispatcher.stop();
    expect(w.fake.duplicates().size).toBe(0);
  });

  it('two flooding chats take turns: neither waits for the other to drain', async () => {
    const w = await setup({ perSecond: 30, perChatPerSecond: 1 });
    await queue(w, 'test:a', 'answer', 500);
    await queue(w, 'test:b', 'answer', 500);
    w.dispatcher.start();
    await until('four messages out', () => w.fake.delivered.length >= 4, 5_000);
    await w.dispatcher.stop();
    const first = w.fake.delivered.slice(0, 4).map((c) => c.chatId);
    expect(first.filter((c) => c === 'test:a').length).toBe(2);
    expect(first.filter((c) => c === 'test:b').length).toBe(2);
  });
});

describe('priorities', () => {
  it('an SOS queued behind thousands of due rows goes first, then the missed-check-in alert, then the backlog', async () => {
    const w = await setup();
    await wave(w, 3_000);
    await queue(w, 'test:group-flood', 'group-notice', 1_000);
    await queue(w, 'test:coach', 'missed');
    await queue(w, 'test:friend', 'sos');
    await w.dispatcher.dispatchDue();
    await w.dispatcher.settle();
    await w.dispatcher.stop();
    expect(w.fake.calls.slice(0, 2).map((c) => c.chatId)).toEqual(['test:friend', 'test:coach']);
    expect(w.fake.calls.slice(2).every((c) => c.kind === 'prompt' || c.kind === 'group')).toBe(true);
  });

  it('an SOS that arrives while a backlog is going out overtakes it at the next free slot', async () => {
    const w = await setup();
    await wave(w, 2_000);
    w.dispatcher.start();
    await until('the wave is under way', () => w.fake.delivered.length >= 10);
    await queue(w, 'test:friend', 'sos');
    await queue(w, 'test:coach', 'escalation');
    const before = w.fake.calls.length;
    w.dispatcher.poke();
    await until('the SOS is out', () => w.fake.deliveredTo('test:friend').length === 1, 3_000);
    await until('the alert is out', () => w.fake.deliveredTo('test:coach').length === 1, 3_000);
    await w.dispatcher.stop();
    const at = (chat: string) => w.fake.calls.findIndex((c) => c.chatId === chat);
    // Only sends already booked when it arrived (a few slots' worth) went before it.
    expect(at('test:friend') - before).toBeLessThanOrEqual(12);
    expect(at('test:friend')).toBeLessThan(at('test:coach'));
    expect(at('test:coach') - at('test:friend')).toBe(1);
  });

  it('an urgent message (reaching out) goes with SOS, before answers', async () => {
    const w = await setup();
    for (let i = 0; i < 20; i += 1) await queue(w, `test:asker${i}`, 'answer');
    await queue(w, 'test:partner', 'link-news', 1, true);
    await w.dispatcher.dispatchDue();
    await w.dispatcher.settle();
    expect(w.fake.calls[0]!.chatId).toBe('test:partner');
  });
});

describe('an idle dispatcher', () => {
  it('with only rate-limited rows left, sleeps until the first may go instead of spinning', async () => {
    const w = await setup();
    await queue(w, 'test:group-flood', 'group-notice', 3_000);
    w.dispatcher.start();
    await until('the group gets its first message', () => w.fake.delivered.length === 1);
    const rounds = w.dispatcher.rounds;
    await sleep(2_000);
    const idle = w.dispatcher.rounds - rounds;
    await w.dispatcher.stop();
    // One look a second at most, plus one as the group's next slot comes near (it is 3 s after the first).
    expect(idle).toBeLessThanOrEqual(5);
    expect(w.fake.delivered.length).toBeLessThanOrEqual(2);
    expect((await outboxCounts(w.db)).queued).toBeGreaterThanOrEqual(2_998);
  });

  it('leaves a platform it does not lead alone: its rows are not even read', async () => {
    const w = await setup(TELEGRAM, () => false);
    await queue(w, 'test:ana', 'sos');
    await w.dispatcher.dispatchDue();
    await w.dispatcher.flush(3);
    expect(w.fake.calls).toHaveLength(0);
    expect((await outboxCounts(w.db)).queued).toBe(1);
  });
});
