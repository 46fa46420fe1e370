// SQLite held locked by another process for ten seconds while the bot ticks and sends
// 200 due prompts. The bot may wait (busy_timeout) or fail a pass and retry it on the next
// one; either way every prompt reaches the platform exactly once.
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { outboxCounts } from '../../src/store/outbox.js';
import { InProcessPlatform, hold } from '../helpers/in-process-platform.js';
import { createTestBot, type TestBot } from '../helpers/core-harness.js';
import { seedPeople, type SeedPerson } from '../helpers/seed-people.js';
import { expectCleanExit, runTs, sleep, type ChildRun } from './support.js';

const HOLDER = 'test/reliability/lock-holder.ts';
const PEOPLE = 200;
const HOLD_MS = 10_000;
const SEEDED_AT = new Date('2026-03-10T12:00:00Z');
const NOW = new Date('2026-03-10T20:00:30Z');
const DATE = '2026-03-10';

/** A logger that keeps each event, so the test can count what the core logged under the lock. */
function capturingLog() {
  const events: Record<string, unknown>[] = [];
  const log = pino({ level: 'warn' }, { write: (s: string) => { events.push(JSON.parse(s) as Record<string, unknown>); } });
  return { log, events };
}

function population(): SeedPerson[] {
  return Array.from({ length: PEOPLE }, (_, i) => ({
    id: `p${String(i).padStart(3, '0')}`, role: i % 2 ? 'recovery' : 'partner', timezone: 'UTC', promptTime: '20:00', joinedOn: DATE,
  }));
}

async function done(bot: TestBot): Promise<boolean> {
  const counts = await outboxCounts(bot.db);
  const due = await bot.db.selectFrom('people').select('id').where('next_prompt_at', '<=', bot.clock.now().toISOString()).execute();
  return due.length === 0 && counts.queued === 0 && counts.sending === 0 && counts.sent === PEOPLE;
}

describe('SQLite held locked by another process for 10 seconds', () => {
  let bot: TestBot | null = null;
  let holder: ChildRun | null = null;
  afterEach(async () => {
    holder?.kill();
    await holder?.exited;
    await bot?.close();
    bot = null;
    holder = null;
  });

  /**
   * Another process takes the lock (before the tick, or after the tick queued the prompts
   * and before they are sent); the bot runs tick + flush passes until all 200 are sent.
   */
  async function underLock(when: 'before the tick' | 'between tick and send'): Promise<void> {
    const platform = new InProcessPlatform({ limits: { perSecond: 100_000, perChatPerSecond: 100 } });
    const { log, events } = capturingLog();
    bot = await createTestBot({ at: SEEDED_AT, ports: [platform], log });
    await seedPeople(bot.db, bot.config, population(), SEEDED_AT);
    bot.clock.set(NOW);
    if (when === 'between tick and send') expect((await bot.core.tick()).prompts).toBe(PEOPLE);

    holder = runTs(HOLDER, { SQLITE_FILE: bot.file!, HOLD_MS: String(HOLD_MS) });
    await holder.stage('locked');
    const lockedAt = performance.now();
    let passes = 0;
    let tickErrors = 0;
    let flushErrors = 0;
    let releasedAfter: number | null = null;
    void holder.stage('released').then(() => { releasedAfter = performance.now() - lockedAt; });
    // The bot's own loop, compressed: tick and send; a pass that fails is simply tried again.
    while (performance.now() - lockedAt < 40_000) {
      passes += 1;
      try {
        await bot.core.tick();
      } catch {
        tickErrors += 1;
      }
      try {
        await bot.core.dispatcher.flush();
      } catch {
        flushErrors += 1;
      }
      if (await done(bot)) break;
      await sleep(100);
    }
    const finishedAfter = performance.now() - lockedAt;
    await expectCleanExit(holder, 'lock holder');

    const perKey = new Map<string, number>();
    for (const c of platform.delivered) perKey.set(c.key, (perKey.get(c.key) ?? 0) + 1);
    const doubled = [...perKey].filter(([, n]) => n > 1);
    const counts = await outboxCounts(bot.db);
    const rowFailures = events.filter((e) => e.event === 'tick-row-failed').length;
    console.log(`sqlite lock ${when}: held ${Math.round(releasedAfter ?? -1)} ms by another process; ${passes} tick+flush passes, `
      + `${rowFailures} tick rows failed and were retried, ${tickErrors} ticks and ${flushErrors} flushes threw; `
      + `${platform.delivered.length} sends for ${PEOPLE} prompts, ${perKey.size} distinct, ${doubled.length} doubled; `
      + `outbox ${JSON.stringify(counts)}; all sent ${Math.round(finishedAfter)} ms after the lock was taken`);

    expect(releasedAfter).not.toBeNull();
    expect(doubled).toEqual([]);
    expect(perKey.size).toBe(PEOPLE);
    for (const p of population()) expect(perKey.get(`prompt:${p.id}:${DATE}`), p.id).toBe(1);
    expect(counts).toMatchObject({ sent: PEOPLE, queued: 0, sending: 0, failed: 0 });
    const prompted = await bot.db.selectFrom('people').select('id').where('last_prompt_date', '=', DATE).execute();
    expect(prompted).toHaveLength(PEOPLE);
    // It really was locked: nothing could be written until the other process let go.
    expect(finishedAfter).toBeGreaterThan(HOLD_MS - 500);
  }

  it('taken before the tick, with 200 prompts due: none lost, none doubled', () => underLock('before the tick'), 60_000);

  it('taken after the tick queued 200 prompts, before they are sent: none lost, none doubled', () => underLock('between tick and send'), 60_000);

  it('when the lock lands while sends are in flight: each sent message is recorded once, none left "sending"', async () => {
    const platform = new InProcessPlatform({ limits: { perSecond: 100_000, perChatPerSecond: 100 } });
    bot = await createTestBot({ at: SEEDED_AT, ports: [platform] });
    await seedPeople(bot.db, bot.config, population().slice(0, 20), SEEDED_AT);
    bot.clock.set(NOW);
    await bot.core.tick();
    platform.otherwise = hold;
    for (let i = 0; i < 100 && platform.heldCount < 5; i += 1) await bot.core.dispatcher.dispatchDue();
    expect(platform.heldCount).toBeGreaterThan(0);
    const inFlight = platform.heldCount;

    holder = runTs(HOLDER, { SQLITE_FILE: bot.file!, HOLD_MS: '7000' });
    await holder.stage('locked');
    platform.otherwise = { kind: 'ok' };
    // The platform accepts the held sends while the file is locked: recording "sent" must wait or be retried.
    while (platform.heldCount > 0) platform.release();
    const started = performance.now();
    while (performance.now() - started < 30_000) {
      try {
        await bot.core.dispatcher.settle();
        await bot.core.dispatcher.flush();
      } catch {
        // tried again on the next pass
      }
      const c = await outboxCounts(bot.db);
      if (c.sent === 20 && c.sending === 0 && c.queued === 0) break;
      await sleep(100);
    }
    await expectCleanExit(holder, 'lock holder');
    const counts = await outboxCounts(bot.db);
    console.log(`sqlite lock mid-send: ${inFlight} sends in flight when the lock landed; outbox ${JSON.stringify(counts)}`);
    expect(counts).toMatchObject({ sent: 20, sending: 0, queued: 0 });
    // A restart now must have nothing to send again.
    expect(await bot.core.dispatcher.recover()).toEqual({ requeued: 0, failed: 0 });
    expect(platform.duplicates().size).toBe(0);
  }, 60_000);
});
