// Several instances on one PostgreSQL schema racing over 1,000 due prompts. Each
// instance is a child process (instance-worker.ts) with its own core and pool, sending
// over HTTP to a recording platform in this process. The platform must see each prompt
// once; when one instance is SIGKILLed mid-run the others and a restart finish its work,
// and only the messages it had in flight may arrive twice.
import { createPgSchema, type PgSchema } from '../helpers/pg-schema.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxCounts } from '../../src/store/outbox.js';
import { createTestCore, type TestCore } from '../helpers/core-harness.js';
import { HttpPlatform } from '../helpers/http-platform.js';
import { InProcessPlatform, hold } from '../helpers/in-process-platform.js';
import {
  expectCleanExit, onPostgres, POSTGRES_URL, runTs, withTimeout, type ChildRun,
} from './support.js';
import { seedPeople, type SeedPerson } from '../helpers/seed-people.js';

const WORKER = 'test/reliability/instance-worker.ts';
const PEOPLE = 1_000;
const SEEDED_AT = new Date('2026-03-10T12:00:00Z');
/** Everyone's prompt is 20:00 UTC; the instances' clocks stand half a minute later. */
const DUE = new Date('2026-03-10T20:00:00Z');
const NOW = new Date(DUE.getTime() + 30_000);
const ROLES = ['recovery', 'partner', 'supporter'] as const;

function population(): SeedPerson[] {
  return Array.from({ length: PEOPLE }, (_, i) => ({
    id: `p${String(i).padStart(4, '0')}`, role: ROLES[i % 3]!, timezone: 'UTC', promptTime: '20:00', joinedOn: '2026-03-10',
  }));
}

interface Fixture extends TestCore {
  schema: PgSchema;
}

async function seededSchema(): Promise<Fixture> {
  const schema = await createPgSchema(POSTGRES_URL, 'steadfast_rel');
  const t = await createTestCore({ storage: { kind: 'postgres', url: schema.url } });
  const { db } = t;
  await seedPeople(db, t.config, population(), SEEDED_AT);
  const due = await db.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('next_prompt_at', '=', DUE.toISOString()).executeTakeFirstOrThrow();
  expect(Number(due.n)).toBe(PEOPLE);
  return { ...t, schema };
}

/** Every instance started, so none outlives a failed or timed-out test. */
const instances = new Set<ChildRun>();

function startInstance(platform: HttpPlatform, f: Fixture, instance: string, now = NOW, recoverBefore?: Date): ChildRun {
  const run = runTs(WORKER, {
    STEADFAST_TEST_DB: f.schema.url, PLATFORM_URL: platform.url, NOW: now.toISOString(), INSTANCE: instance,
    ...(recoverBefore ? { RECOVER_BEFORE: recoverBefore.toISOString() } : {}),
  });
  instances.add(run);
  void run.exited.then(() => instances.delete(run));
  return run;
}

function perInstance(platform: HttpPlatform): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of platform.received) out[r.instance] = (out[r.instance] ?? 0) + 1;
  return out;
}

describe.skipIf(!onPostgres)('several instances on one PostgreSQL schema (DATABASE_URL)', () => {
  const platform = new HttpPlatform({ maxDelayMs: 6 });
  beforeAll(() => platform.start());
  afterAll(async () => {
    for (const run of instances) run.kill();
    await Promise.all([...instances].map((r) => r.exited));
    await platform.stop();
  });

  it('three instances racing over 1,000 due prompts: exactly 1,000 sends, no duplicates', async () => {
    platform.reset();
    platform.onReceive = null;
    const f = await seededSchema();
    try {
      const started = performance.now();
      const runs = ['a', 'b', 'c'].map((name) => startInstance(platform, f, name));
      await withTimeout(Promise.all(runs.map((r, i) => expectCleanExit(r, `instance ${i}`))), 60_000, 'three instances');
      const ms = Math.round(performance.now() - started);

      const counts = platform.counts();
      const duplicates = [...counts].filter(([, n]) => n > 1);
      const ticked = runs.map((r) => Number(r.lines.find((l) => l.stage === 'done')?.prompts ?? 0));
      const outbox = await outboxCounts(f.db);
      console.log(`multi-instance race: 3 instances, ${platform.received.length} sends for ${PEOPLE} due prompts, `
        + `${counts.size} distinct keys, ${duplicates.length} duplicates; sends per instance ${JSON.stringify(perInstance(platform))}; `
        + `prompts queued per instance ${JSON.stringify(ticked)}; outbox ${JSON.stringify(outbox)}; ${ms} ms`);

      expect(duplicates).toEqual([]);
      expect(platform.received).toHaveLength(PEOPLE);
      expect(counts.size).toBe(PEOPLE);
      expect([...counts.keys()].every((k) => /^prompt:p\d{4}:2026-03-10$/.test(k))).toBe(true);
      expect(new Set(platform.received.map((r) => r.chat)).size).toBe(PEOPLE);
      expect(ticked.reduce((a, b) => a + b, 0)).toBe(PEOPLE);
      expect(outbox).toMatchObject({ sent: PEOPLE, queued: 0, sending: 0, failed: 0 });
      // More than one instance did real work: the race was a race.
      expect(Object.keys(perInstance(platform)).length).toBeGreaterThan(1);
    } finally {
      await f.close();
      await f.schema.drop();
    }
  }, 90_000);

  it('one of three SIGKILLed mid-run: the others and a restart finish, nobody skipped, only its in-flight sends twice', async () => {
    platform.reset();
    const f = await seededSchema();
    try {
      const started = performance.now();
      const runs = new Map(['a', 'b', 'c'].map((name) => [name, startInstance(platform, f, name)]));
      const killAt = 250 + Math.floor(Math.random() * 300);
      let victim: string | null = null;
      // The send that reaches the platform as the killAt-th is cut off with its sender: the
      // platform has it, the sender never hears back.
      platform.onReceive = (r) => {
        if (victim === null && platform.received.length >= killAt && runs.has(r.instance)) {
          victim = r.instance;
          runs.get(r.instance)!.kill();
        }
      };
      const exits = await withTimeout(Promise.all([...runs.values()].map((r) => r.exited)), 60_000, 'three instances');
      platform.onReceive = null;
      expect(victim, 'the kill point was reached').not.toBeNull();
      const dead = runs.get(victim!)!;
      expect((await dead.exited).signal).toBe('SIGKILL');
      for (const [name, r] of runs) if (name !== victim) await expectCleanExit(r, `instance ${name}`);
      const sendsBeforeRestart = platform.received.length;

      // What the dead instance left "sending": the sends it had in flight.
      const stuck = await f.db.selectFrom('outbox').select('idem_key').where('status', '=', 'sending').execute();
      const inFlight = new Set(stuck.map((s) => s.idem_key));

      // The dead instance comes back two minutes later; only sends claimed over a minute ago are taken back.
      const restart = startInstance(platform, f, `${victim!}-restarted`, new Date(NOW.getTime() + 120_000), new Date(NOW.getTime() + 60_000));
      await withTimeout(expectCleanExit(restart, 'restarted instance'), 60_000, 'restarted instance');
      const recovered = restart.lines.find((l) => l.stage === 'recovered')!;
      const ms = Math.round(performance.now() - started);

      const counts = platform.counts();
      const twice = [...counts].filter(([, n]) => n > 1).map(([k]) => k);
      const outbox = await outboxCounts(f.db);
      console.log(`multi-instance kill: 3 instances, instance ${victim!} SIGKILLed at send #${killAt} `
        + `(exits ${JSON.stringify(exits.map((e) => e.signal ?? e.code))}); ${sendsBeforeRestart} sends before the restart, `
        + `${platform.received.length} in all for ${PEOPLE} prompts, ${counts.size} distinct; in flight at the kill: ${inFlight.size}; `
        + `recovered ${JSON.stringify({ requeued: recovered.requeued, failed: recovered.failed })}; `
        + `delivered twice: ${twice.length} ${JSON.stringify(twice)}; sends per instance ${JSON.stringify(perInstance(platform))}; outbox ${JSON.stringify(outbox)}; ${ms} ms`);

      // Nobody skipped.
      expect(counts.size).toBe(PEOPLE);
      expect(new Set(platform.received.map((r) => r.chat)).size).toBe(PEOPLE);
      // Nobody doubled beyond the in-flight few, and those at most twice.
      expect(Math.max(...counts.values())).toBeLessThanOrEqual(2);
      for (const k of twice) expect(inFlight.has(k), `${k} arrived twice but was not in flight at the kill`).toBe(true);
      expect(inFlight.size).toBeLessThanOrEqual(20);
      expect(Number(recovered.requeued)).toBe(inFlight.size);
      expect(outbox).toMatchObject({ sent: PEOPLE, queued: 0, sending: 0, failed: 0 });
    } finally {
      platform.onReceive = null;
      await f.close();
      await f.schema.drop();
    }
  }, 120_000);

  it('an instance that starts while another is sending leaves that instance\'s live sends alone', async () => {
    // core.start() calls dispatcher.recover() with its default claimedBefore = clock.now(), which on a
    // shared database takes back every row another, living instance has claimed and is sending.
    const schema = await createPgSchema(POSTGRES_URL, 'steadfast_rel');
    const storage = { kind: 'postgres', url: schema.url } as const;
    const slow = new InProcessPlatform();
    slow.otherwise = hold;
    const fast = new InProcessPlatform();
    const a = await createTestCore({ storage, at: NOW, ports: [slow] });
    const b = await createTestCore({ storage, at: new Date(NOW.getTime() + 5_000), ports: [fast] }); // B starts five seconds later
    try {
      const people = population().slice(0, 5);
      await seedPeople(a.db, a.config, people, SEEDED_AT);
      const [coreA, coreB] = [a.core, b.core];
      await coreA.tick();
      for (let i = 0; i < 200 && slow.heldCount < people.length; i += 1) {
        await coreA.dispatcher.dispatchDue();
        await new Promise((r) => setTimeout(r, 5));
      }
      expect(slow.heldCount).toBe(people.length); // A is alive and mid-send on all five

      const recovered = await coreB.dispatcher.recover(); // what coreB.start() does first
      await coreB.dispatcher.flush();
      while (slow.heldCount > 0) slow.release();
      await coreA.dispatcher.settle();
      const all = [...slow.delivered, ...fast.delivered].map((c) => c.key);
      console.log(`restart beside a live instance: recovered ${JSON.stringify(recovered)}, ${all.length} deliveries of ${people.length} prompts`);
      expect(recovered.requeued).toBe(0);
      expect(all).toHaveLength(people.length);
    } finally {
      await a.close();
      await b.close();
      await schema.drop();
    }
  }, 60_000);
});
