// Downtime: the bot is stopped (no ticks at all) and started again later on the same
// SQLite file, through core.start(). It catches up: prompts whose time fell in the outage
// come once if they are less than the staleness window (default 3 h) late, stale ones are
// skipped, and alerts whose grace deadline passed meanwhile are sent once. (A deadline never
// falls before the local day it is about has ended, so overdue alerts need an outage past midnight.)
// Europe/Berlin is UTC+1 in March 2026.
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestBot, type TestBot } from '../helpers/core-harness.js';
import { InProcessPlatform, type SendCall } from '../helpers/in-process-platform.js';
import { addLink, personIdOf, simulate } from './simulation.js';

const ZONE = 'Europe/Berlin';
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const to = (as: string) => `test:${as}`;
const times = (calls: SendCall[]) => calls.map((c) => c.at.toISOString());

/** The bot's first life: people set up at 07:00 local, running normally until the outage. */
async function firstLife(fake: InProcessPlatform, people: Record<string, string>) {
  const bot = await createTestBot({ at: '2026-03-10T06:00:00Z', ports: [fake] });
  cleanup.push(async () => rmSync(bot.dir!, { recursive: true, force: true }));
  for (const [as, time] of Object.entries(people)) {
    await bot.onboard(as, 'recovery', ZONE);
    await bot.say(as, `/schedule ${time}`);
  }
  await bot.onboard('sam', 'supporter', ZONE);
  await bot.say('sam', '/schedule off');
  for (const as of Object.keys(people)) await addLink(bot.db, await personIdOf(bot.db, as), await personIdOf(bot.db, 'sam'));
  return bot;
}

/** Stops the bot (nothing runs during the outage), then starts a new core on the same file at `at`. */
async function restart(previous: TestBot, fake: InProcessPlatform, at: string, settled: () => boolean): Promise<TestBot> {
  await previous.close({ keepFiles: true });
  const bot = await createTestBot({ storage: { kind: 'sqlite', file: previous.file! }, at, ports: [fake] });
  cleanup.push(() => bot.close());
  await bot.core.start();
  for (let i = 0; i < 200 && !settled(); i += 1) await new Promise((r) => setTimeout(r, 25));
  // A little longer, so anything sent twice (or late) would show.
  await new Promise((r) => setTimeout(r, 400));
  await bot.core.stop();
  return bot;
}

describe('the bot was down from 20:30 to 23:00 local', () => {
  it('open prompts come once at restart, overdue alerts once, and a second restart sends nothing more', async () => {
    const fake = new InProcessPlatform();
    // evening: prompted at 20:00, reminder due 22:00 (in the outage).
    // nine: 21:00 prompt, late: 22:30 prompt (both in the outage, less than 3 h before the restart).
    const bot1 = await firstLife(fake, { evening: '20:00', nine: '21:00', late: '22:30' });
    await simulate(bot1, '2026-03-10T19:30:00Z');
    expect(times(fake.deliveredTo(to('evening'), 'prompt'))).toEqual(['2026-03-10T19:00:00.000Z']);
    expect(fake.deliveredTo(to('sam'))).toEqual([]);

    const expectedAtRestart = () => fake.deliveredTo(to('nine'), 'prompt').length > 0 && fake.deliveredTo(to('late'), 'prompt').length > 0
      && fake.deliveredTo(to('evening'), 'reminder').length > 0;
    const bot2 = await restart(bot1, fake, '2026-03-10T22:00:00Z', expectedAtRestart);

    const restartAt = '2026-03-10T22:00:00.000Z';
    expect(times(fake.deliveredTo(to('nine'), 'prompt'))).toEqual([restartAt]);
    expect(times(fake.deliveredTo(to('late'), 'prompt'))).toEqual([restartAt]);
    expect(times(fake.deliveredTo(to('evening'), 'reminder'))).toEqual([restartAt]);
    // Nobody's day has ended yet, so nobody has missed it.
    expect(fake.deliveredTo(to('sam'), 'alert')).toEqual([]);

    // Crash right after and start again a few minutes later: nothing is sent twice.
    const sentBefore = fake.delivered.length;
    const bot3 = await restart(bot2, fake, '2026-03-10T22:15:00Z', () => true);
    expect(fake.delivered.length).toBe(sentBefore);
    expect(fake.duplicates()).toEqual(new Map());

    // And the next day runs as usual: one prompt each at their own time.
    await simulate(bot3, '2026-03-11T21:45:00Z');
    expect(times(fake.deliveredTo(to('nine'), 'prompt'))).toEqual([restartAt, '2026-03-11T20:00:00.000Z']);
    expect(times(fake.deliveredTo(to('late'), 'prompt'))).toEqual([restartAt, '2026-03-11T21:30:00.000Z']);
  });

  it('a prompt caught up after the outage is not followed by its reminder in the same minute', async () => {
    const fake = new InProcessPlatform();
    const bot1 = await firstLife(fake, { nine: '21:00' });
    await simulate(bot1, '2026-03-10T19:30:00Z');
    await restart(bot1, fake, '2026-03-10T22:00:00Z', () => fake.deliveredTo(to('nine'), 'prompt').length > 0);
    expect(times(fake.deliveredTo(to('nine'), 'prompt'))).toEqual(['2026-03-10T22:00:00.000Z']);
    // The reminder is meant to come two hours after the prompt, not together with it.
    expect(times(fake.deliveredTo(to('nine'), 'reminder'))).toEqual([]);
  });
});

describe('the bot was down from 23:30 to 01:30 local', () => {
  it('a deadline that passed in the outage (midnight, for a 09:00 prompt) brings its alert once at restart', async () => {
    const fake = new InProcessPlatform();
    const bot1 = await firstLife(fake, { early: '09:00' });
    await simulate(bot1, '2026-03-10T22:30:00Z');
    expect(times(fake.deliveredTo(to('early'), 'prompt'))).toEqual(['2026-03-10T08:00:00.000Z']);
    expect(fake.deliveredTo(to('sam'))).toEqual([]);
    const bot2 = await restart(bot1, fake, '2026-03-11T00:30:00Z', () => fake.deliveredTo(to('sam'), 'alert').length > 0);
    const alerts = fake.deliveredTo(to('sam'), 'alert');
    expect(times(alerts)).toEqual(['2026-03-11T00:30:00.000Z']);
    expect(alerts[0]!.text).toContain('early has not checked in for Tue 10 Mar');
    await restart(bot2, fake, '2026-03-11T00:45:00Z', () => true);
    expect(fake.deliveredTo(to('sam'), 'alert')).toHaveLength(1);
  });
});

describe('a longer outage, from 15:30 to 23:00 local', () => {
  // (Inside a 2.5-hour outage no prompt can be more than 3 hours stale, so this one is longer.)
  it('a prompt more than 3 hours stale is skipped; one less stale still comes', async () => {
    const fake = new InProcessPlatform();
    const bot1 = await firstLife(fake, { seven: '19:00', half: '20:30' });
    await simulate(bot1, '2026-03-10T14:30:00Z');
    const bot2 = await restart(bot1, fake, '2026-03-10T22:00:00Z', () => fake.deliveredTo(to('half'), 'prompt').length > 0);
    // 19:00 is 4 hours stale at 23:00: no prompt at this hour. 20:30 is 2.5 hours late: it comes.
    expect(fake.deliveredTo(to('seven'), 'prompt')).toEqual([]);
    expect(times(fake.deliveredTo(to('half'), 'prompt'))).toEqual(['2026-03-10T22:00:00.000Z']);
    // Skipping it did not lose the schedule: tomorrow's 19:00 prompt is due as usual.
    const seven = await bot2.db.selectFrom('people').select('next_prompt_at')
      .where('id', '=', await personIdOf(bot2.db, 'seven')).executeTakeFirstOrThrow();
    expect(seven.next_prompt_at).toBe('2026-03-11T18:00:00.000Z');
  });
});
