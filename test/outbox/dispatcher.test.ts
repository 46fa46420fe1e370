// The outbox dispatcher against a platform that misbehaves on cue: it waits out a 429,
// backs off on errors, gives up on blocked recipients at once and on broken ones after a
// few tries, and never loses a message without saying so.
import { afterEach, describe, expect, it } from 'vitest';
import { silentLog } from '../../src/log.js';
import { Dispatcher } from '../../src/outbox/dispatcher.js';
import type { LocalDate } from '../../src/domain/local-date.js';
import type { MessageTopic } from '../../src/domain/message-topic.js';
import { reply } from '../../src/ports/reply.js';
import { enqueueMessage, outboxCounts } from '../../src/store/outbox.js';
import { createTestBot, seededRandom, type TestBot } from '../helpers/core-harness.js';
import {
  blocked, InProcessPlatform, hold, networkError, ok, serverError, timeout, tooManyRequests,
} from '../helpers/in-process-platform.js';

const NOON = '2026-03-10T12:00:00Z';

let bot: TestBot | null = null;
afterEach(async () => {
  await bot?.close();
  bot = null;
});

async function setup(o: { maxAttempts?: number; backoffMs?: number; sendTimeoutMs?: number } = {}) {
  const fake = new InProcessPlatform();
  bot = await createTestBot({ at: NOON, ports: [fake], storage: 'sqlite-memory' });
  const dispatcher = new Dispatcher({
    db: bot.db, seal: bot.seal, clock: bot.clock, log: silentLog, ports: [fake],
    maxAttempts: o.maxAttempts ?? 5, backoffMs: o.backoffMs ?? 1_000, sendTimeoutMs: o.sendTimeoutMs ?? 50,
  });
  return { bot, fake, dispatcher };
}

let seq = 0;
/** Queues a message for an account (onboarding it first, so it is a real person). */
async function queue(b: TestBot, as: string, topic: MessageTopic = 'celebration', key = `test:${as}:${(seq += 1)}`, aboutDate?: LocalDate): Promise<string> {
  if (!(await b.db.selectFrom('accounts').select('id').where('id', '=', `test:${as}`).executeTakeFirst())) await b.onboard(as, 'recovery', 'UTC');
  const person = await b.db.selectFrom('accounts').select('person_id').where('id', '=', `test:${as}`).executeTakeFirstOrThrow();
  await enqueueMessage(b.db, b.seal, {
    key, topic, aboutDate, to: { chatId: `test:${as}`, kind: 'dm' }, recipientId: person.person_id,
    reply: reply('A moment to celebrate.\nThree days.'), notBefore: b.clock.now(),
  }, b.clock.now());
  return key;
}

async function row(b: TestBot, key: string) {
  return b.db.selectFrom('outbox').select(['status', 'attempts', 'not_before', 'last_error', 'sent_at'])
    .where('idem_key', '=', key).executeTakeFirstOrThrow();
}

describe('429 Too Many Requests', () => {
  it('waits retry_after, then delivers exactly once, and not before', async () => {
    const { bot, fake, dispatcher } = await setup();
    const key = await queue(bot, 'ana');
    fake.next(tooManyRequests(300), ok);

    await dispatcher.flush();
    expect(fake.calls.map((c) => c.behaviour)).toEqual(['rate_limited']);
    // Back in the queue until the platform's wait is over; a rate limit is not a failed attempt.
    expect(await row(bot, key)).toMatchObject({ status: 'queued', attempts: 0, not_before: '2026-03-10T12:00:00.300Z' });

    bot.clock.advance(299);
    await dispatcher.flush();
    expect(fake.calls).toHaveLength(1);

    bot.clock.advance(1);
    await dispatcher.flush();
    expect(fake.calls.map((c) => c.behaviour)).toEqual(['rate_limited', 'ok']);
    expect(fake.delivered.map((c) => [c.key, c.at.toISOString()])).toEqual([[key, '2026-03-10T12:00:00.300Z']]);
    expect(await row(bot, key)).toMatchObject({ status: 'sent', attempts: 1 });

    bot.clock.advance(60_000);
    await dispatcher.flush();
    expect(fake.calls).toHaveLength(2);
  });
});

describe('transient errors', () => {
  it('500s back off (doubling, with jitter) and then deliver once', async () => {
    const { bot, fake, dispatcher } = await setup({ backoffMs: 1_000 });
    const key = await queue(bot, 'ana');
    fake.next(serverError, serverError, ok);
    for (let i = 0; i < 100 && fake.delivered.length === 0; i += 1) {
      await dispatcher.flush();
      bot.clock.advance(50);
    }
    const at = fake.calls.map((c) => c.at.getTime());
    expect(fake.calls.map((c) => c.behaviour)).toEqual(['server_error', 'server_error', 'ok']);
    // First retry after 1 s ± 25 %, the second after 2 s ± 25 % (measured in 50 ms steps).
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(750);
    expect(at[1]! - at[0]!).toBeLessThanOrEqual(1_300);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(1_500);
    expect(at[2]! - at[1]!).toBeLessThanOrEqual(2_550);
    expect(await row(bot, key)).toMatchObject({ status: 'sent', attempts: 3 });
    expect(fake.delivered).toHaveLength(1);
  });

  it('a send that never answers times out and is retried; a thrown network error too', async () => {
    const { bot, fake, dispatcher } = await setup({ sendTimeoutMs: 40, backoffMs: 100 });
    const key = await queue(bot, 'ana');
    fake.next(timeout, networkError, ok);
    const started = performance.now();
    await dispatcher.flush();
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(await row(bot, key)).toMatchObject({ status: 'queued', attempts: 1, last_error: 'send timed out after 40 ms' });
    for (let i = 0; i < 20 && fake.delivered.length === 0; i += 1) {
      bot.clock.advance(100);
      await dispatcher.flush();
    }
    expect(fake.calls.map((c) => c.behaviour)).toEqual(['timeout', 'network_error', 'ok']);
    expect(await row(bot, key)).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('after maxAttempts failures the message is marked failed, with its error, and counted', async () => {
    const { bot, fake, dispatcher } = await setup({ maxAttempts: 3, backoffMs: 10 });
    const key = await queue(bot, 'ana');
    fake.otherwise = serverError;
    for (let i = 0; i < 10; i += 1) {
      await dispatcher.flush();
      bot.clock.advance(60_000);
    }
    expect(fake.calls).toHaveLength(3);
    expect(await row(bot, key)).toMatchObject({ status: 'failed', attempts: 3, last_error: '500 Internal Server Error' });
    expect(await outboxCounts(bot.db)).toEqual({ queued: 0, sending: 0, sent: 0, failed: 1, unreachable: 0, skipped: 0 });
  });
});

describe('permanent errors', () => {
  it('a blocked recipient: one attempt, marked unreachable, told once on their next message', async () => {
    const { bot, fake, dispatcher } = await setup();
    const key = await queue(bot, 'ana');
    fake.nextFor('test:ana', blocked);
    await dispatcher.flush();
    bot.clock.advance(3_600_000);
    await dispatcher.flush();
    expect(fake.calls.map((c) => c.behaviour)).toEqual(['blocked']);
    expect(await row(bot, key)).toMatchObject({ status: 'unreachable', attempts: 1 });
    const account = await bot.db.selectFrom('accounts').select('unreachable_at').where('id', '=', 'test:ana').executeTakeFirstOrThrow();
    expect(account.unreachable_at).toBe('2026-03-10T12:00:00.000Z');

    // Anything else queued for that account is not even tried.
    const second = await queue(bot, 'ana');
    await dispatcher.flush();
    expect(fake.calls).toHaveLength(1);
    expect(await row(bot, second)).toMatchObject({ status: 'unreachable' });

    // Back in touch: the first reply says what was missed, once.
    const first = await bot.send('ana', '/help');
    expect(first[0]!.text).toMatch(/could not reach you/);
    const later = await bot.send('ana', '/help');
    expect(later.map((r) => r.text).join('\n')).not.toMatch(/could not reach you/);
    // And messages reach them again.
    const third = await queue(bot, 'ana');
    await dispatcher.flush();
    expect(await row(bot, third)).toMatchObject({ status: 'sent' });
  });

  it('a blocked recipient does not hold up anyone else', async () => {
    const { bot, fake, dispatcher } = await setup();
    fake.nextFor('test:ana', blocked);
    const a = await queue(bot, 'ana');
    const b = await queue(bot, 'bo');
    await dispatcher.flush();
    expect(await row(bot, a)).toMatchObject({ status: 'unreachable' });
    expect(await row(bot, b)).toMatchObject({ status: 'sent' });
  });
});

describe('a message\'s state is visible, and nothing is lost silently', () => {
  it('queued → sending → sent, and failed, unreachable and skipped, all counted', async () => {
    const { bot, fake, dispatcher } = await setup({ maxAttempts: 1 });
    const sent = await queue(bot, 'ana');
    expect(await row(bot, sent)).toMatchObject({ status: 'queued' });
    expect((await outboxCounts(bot.db)).queued).toBe(1);

    fake.next(hold);
    const flushing = dispatcher.flush();
    for (let i = 0; i < 100 && fake.heldCount === 0; i += 1) await new Promise((r) => setTimeout(r, 5));
    expect(await row(bot, sent)).toMatchObject({ status: 'sending' });
    expect((await outboxCounts(bot.db)).sending).toBe(1);
    fake.release();
    await flushing;
    expect(await row(bot, sent)).toMatchObject({ status: 'sent', sent_at: '2026-03-10T12:00:00.000Z' });

    const failed = await queue(bot, 'bo');
    const unreachable = await queue(bot, 'cy');
    // A prompt for a day that is already over is not sent at all.
    const bo = await bot.db.selectFrom('accounts').select('person_id').where('id', '=', 'test:bo').executeTakeFirstOrThrow();
    const skipped = await queue(bot, 'bo', 'prompt', `prompt:${bo.person_id}:2026-03-09`, '2026-03-09' as LocalDate);
    fake.nextFor('test:bo', serverError).nextFor('test:cy', blocked);
    await dispatcher.flush();
    expect(await row(bot, failed)).toMatchObject({ status: 'failed' });
    expect(await row(bot, unreachable)).toMatchObject({ status: 'unreachable' });
    expect(await row(bot, skipped)).toMatchObject({ status: 'skipped', last_error: 'day-over' });
    expect(await outboxCounts(bot.db)).toEqual({ queued: 0, sending: 0, sent: 1, failed: 1, unreachable: 1, skipped: 1 });
  });

  it('under a random mix of answers every message ends sent, failed or unreachable, and the counts add up', async () => {
    const { bot, fake, dispatcher } = await setup({ maxAttempts: 3, backoffMs: 10, sendTimeoutMs: 20 });
    const people = ['ana', 'bo', 'cy', 'di', 'ed', 'fa', 'gu', 'ha', 'io', 'jo'];
    const keys: string[] = [];
    for (let i = 0; i < 40; i += 1) keys.push(await queue(bot, people[i % people.length]!));
    const answers = [
      ok, ok, ok, serverError, serverError, serverError, serverError, networkError, networkError,
      timeout, timeout, tooManyRequests(20), tooManyRequests(20), blocked,
    ];
    const random = seededRandom(7);
    fake.otherwise = () => answers[Math.floor(random() * answers.length)]!;
    for (let i = 0; i < 50; i += 1) {
      await dispatcher.flush();
      bot.clock.advance(1_000);
    }
    const counts = await outboxCounts(bot.db);
    expect(counts.queued + counts.sending).toBe(0);
    expect(counts.sent + counts.failed + counts.unreachable + counts.skipped).toBe(keys.length);
    // Delivered exactly the messages marked sent, each once.
    expect(fake.duplicates()).toEqual(new Map());
    expect(fake.delivered).toHaveLength(counts.sent);
    // The mix really was a mix.
    expect(new Set(fake.calls.map((c) => c.behaviour)).size).toBeGreaterThanOrEqual(6);
    expect(counts.failed).toBeGreaterThan(0);
    expect(counts.unreachable).toBeGreaterThan(0);
  });
});

describe('flush', () => {
  it('returns promptly once everything due has been sent', async () => {
    const { bot, dispatcher } = await setup();
    await queue(bot, 'ana');
    const started = performance.now();
    await dispatcher.flush();
    expect(performance.now() - started).toBeLessThan(300);
  });
});
