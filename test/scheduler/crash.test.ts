// Crash test with a real SQLite file and SIGKILL: a thousand people are due for their
// prompt; the bot (test/helpers/crash-worker.ts, a separate process) is killed at random
// points while it ticks and sends, restarted, killed again, and finally left to finish.
// Everyone gets their prompt, nobody more than twice, and only a message that was in
// flight at a kill may arrive twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/database.js';
import { outboxCounts } from '../../src/store/outbox.js';
import { createTestBot, seededRandom } from '../helpers/core-harness.js';
import { HttpPlatform } from '../helpers/http-platform.js';
import { seedPeople, type SeedPerson } from '../helpers/seed-people.js';
import { runTs, type ChildRun } from '../reliability/support.js';

const WORKER = 'test/helpers/crash-worker.ts';
const PEOPLE = 1_000;
const SEEDED_AT = new Date('2026-03-10T12:00:00Z');
/** Everyone's prompt is at 20:00 UTC; each life of the bot starts a minute after the last. */
const DUE = Date.parse('2026-03-10T20:00:00Z');

/** The platform: records each send as it arrives, answers after a short random delay so kills land mid-send. */
const server = new HttpPlatform({ maxDelayMs: 8 });
/** Workers still running (a failed test must not leave any behind). */
const running = new Set<ChildRun>();

function startWorker(file: string, url: string, now: Date): ChildRun {
  const life = runTs(WORKER, {}, [file, url, now.toISOString()]);
  running.add(life);
  void life.exited.then(({ code, signal }) => {
    running.delete(life);
    if (code !== 0 && signal === null) process.stderr.write(`crash-worker failed (${code}):\n${life.stderr()}\n`);
  });
  return life;
}

beforeAll(() => server.start());
afterAll(async () => {
  for (const w of running) w.kill();
  await Promise.all([...running].map((w) => w.exited));
  await server.stop();
});

describe('SIGKILL while a thousand prompts are due', () => {
  it('everyone gets their prompt, nobody more than twice, and only in-flight messages twice', async () => {
    const seed = Date.now() % 100_000;
    const random = seededRandom(seed);
    const bot = await createTestBot({ at: SEEDED_AT });
    const file = bot.file!;
    try {
      // A thousand people, inserted directly and scheduled as the real reschedule() would.
      const people = Array.from({ length: PEOPLE }, (_, i): SeedPerson => ({
        id: `p${String(i).padStart(4, '0')}`, role: 'partner', timezone: 'UTC', promptTime: '20:00', joinedOn: '2026-03-10',
      }));
      await seedPeople(bot.db, bot.config, people, SEEDED_AT);
      const due = await bot.db.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n'))
        .where('next_prompt_at', '=', new Date(DUE).toISOString()).executeTakeFirstOrThrow();
      expect(Number(due.n)).toBe(PEOPLE);

      const kills = 3 + Math.floor(random() * 3); // 3 to 5
      const inFlightAtKills: number[] = [];
      /** Messages a kill left mid-send that the next life will send again. */
      let resend: string[] = [];
      const started = performance.now();
      let life = 0;
      const now = () => new Date(DUE + life * 60_000);
      let killed = 0;
      for (; killed < kills; life += 1) {
        const before = new Map(resend.map((k) => [k, server.countOf(k)]));
        const w = startWorker(file, server.url, now());
        // The first kill lands somewhere in the tick or the first sends. Later ones land
        // mid-send, a few messages after this life has resent what the last kill interrupted
        // (a message interrupted twice is given up as "failed", by design).
        const killPoint = life === 0
          ? w.stage('recovered').then(() => new Promise((r) => setTimeout(r, 50 + random() * 600)))
          : w.stage('ticked')
            .then(() => server.until(() => [...before].every(([k, n]) => server.countOf(k) > n)))
            .then(() => {
              const n = server.received.length + 5 + Math.floor(random() * 120);
              return server.until(() => server.received.length >= n);
            });
        const finished = await Promise.race([killPoint.then(() => false), w.exited.then(() => true)]);
        if (finished) {
          expect((await w.exited).code, 'a life of the worker failed').toBe(0);
          break; // it sent everything before the kill point: nothing left to interrupt
        }
        w.kill();
        expect((await w.exited).signal).toBe('SIGKILL');
        killed += 1;
        const sending = await bot.db.selectFrom('outbox').select(['idem_key', 'last_error']).where('status', '=', 'sending').execute();
        inFlightAtKills.push(sending.length);
        resend = sending.filter((r) => r.last_error !== 'interrupted').map((r) => r.idem_key);
      }
      const last = startWorker(file, server.url, now());
      expect((await last.exited).code).toBe(0);
      expect(killed).toBeGreaterThanOrEqual(3);

      const counts = await outboxCounts(bot.db);
      const twice = [...server.counts().values()].filter((n) => n === 2).length;
      const prompts = [...server.counts().keys()].filter((k) => k.startsWith('prompt:'));
      console.log(`crash test (seed ${seed}): ${killed} SIGKILLs, ${server.received.length} sends for ${PEOPLE} prompts, `
        + `${twice} delivered twice, in flight at each kill: ${JSON.stringify(inFlightAtKills)}, `
        + `outbox ${JSON.stringify(counts)}, ${Math.round(performance.now() - started)} ms`);

      expect(prompts).toHaveLength(PEOPLE);
      expect(new Set(server.received.map((r) => r.chat)).size).toBe(PEOPLE);
      expect(Math.max(...server.counts().values())).toBeLessThanOrEqual(2);
      expect(counts.queued + counts.sending).toBe(0);
      expect(counts.sent + counts.failed).toBe(PEOPLE);
      // Only what was in flight at a kill can arrive twice.
      expect(twice).toBeLessThanOrEqual(inFlightAtKills.reduce((a, b) => a + b, 0));
      expect(twice).toBeLessThanOrEqual(await claimedMoreThanOnce(bot.db));
    } finally {
      await bot.close();
    }
  }, 90_000);
});

/** Outbox rows claimed for sending more than once (recovery put them back after a kill). */
async function claimedMoreThanOnce(db: Db): Promise<number> {
  const rows = await db.selectFrom('outbox').select('attempts').where('attempts', '>', 1).execute();
  return rows.length;
}
