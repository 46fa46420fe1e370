// Three instances on one PostgreSQL schema and one bot token, each a child process
// (sender-worker.ts) started as in production, sending to a platform that enforces
// Telegram's limits strictly (30/s per token, 1/s per chat, 20/min per group) with 429s.
// Every instance enqueues; one sender per platform, elected by an advisory lock, sends, its
// port paced as the Telegram port is (29/s declared against Telegram's 30/s).
// The platform must see no 429 and every message once; when the sender is SIGKILLed
// mid-run another instance takes over within 15 s and delivers the rest, and only what
// was in flight at the kill may arrive twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxCounts } from '../../src/store/outbox.js';
import { createTestCore } from '../helpers/core-harness.js';
import { HttpPlatform, type Received } from '../helpers/http-platform.js';
import { createPgSchema, type PgSchema } from '../helpers/pg-schema.js';
import { expectCleanExit, onPostgres, POSTGRES_URL, runTs, sleep, withTimeout, type ChildRun } from './support.js';
import { TELEGRAM_LIMITS, type MessagePlan } from './sender-worker.js';

const WORKER = 'test/reliability/sender-worker.ts';
/** About 10 s of sending at the Telegram port's 29/s (over the budget three senders would spend); 6 groups × 5 messages take 12 s at 20/min. */
const PLAN: MessagePlan = { messages: 300, groups: 6, groupMessages: 30 };
const NAMES = ['a', 'b', 'c'];

const instances = new Set<ChildRun>();

async function migratedSchema(): Promise<PgSchema> {
  const schema = await createPgSchema(POSTGRES_URL, 'steadfast_send');
  const t = await createTestCore({ storage: { kind: 'postgres', url: schema.url } }); // runs the migrations once, before the instances
  await t.close();
  return schema;
}

function startInstances(platform: HttpPlatform, schema: PgSchema): ChildRun[] {
  return NAMES.map((name, index) => {
    const run = runTs(WORKER, {
      STEADFAST_TEST_DB: schema.url, PLATFORM_URL: platform.url, INSTANCE: name, INDEX: String(index), INSTANCES: String(NAMES.length),
      MESSAGES: String(PLAN.messages), GROUPS: String(PLAN.groups), GROUP_MESSAGES: String(PLAN.groupMessages), LOCK_SCOPE: schema.name,
    });
    instances.add(run);
    void run.exited.then(() => instances.delete(run));
    return run;
  });
}

/** Stops the living instances cleanly (SIGTERM) and checks they exited so. */
async function stopAll(runs: ChildRun[], except: ChildRun | null = null): Promise<void> {
  const living = runs.filter((r) => r !== except);
  for (const r of living) r.child.kill('SIGTERM');
  await withTimeout(Promise.all(living.map((r, i) => expectCleanExit(r, `instance ${i}`))), 20_000, 'stopping the instances');
}

function perInstance(received: readonly Received[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of received) out[r.instance] = (out[r.instance] ?? 0) + 1;
  return out;
}

/** Sends per second from the first to the last accepted send. */
function rate(received: readonly Received[]): number {
  return received.length > 1 ? (received.length - 1) / ((received.at(-1)!.at - received[0]!.at) / 1000) : 0;
}

describe.skipIf(!onPostgres)('one platform budget across three instances on PostgreSQL (DATABASE_URL)', () => {
  const platform = new HttpPlatform({ maxDelayMs: 10, enforce: TELEGRAM_LIMITS });
  beforeAll(() => platform.start());
  afterAll(async () => {
    for (const run of instances) run.kill();
    await Promise.all([...instances].map((r) => r.exited));
    await platform.stop();
  });

  it('three instances, one token: no 429, every message exactly once, all sent by the one elected sender', async () => {
    platform.reset();
    platform.onReceive = null;
    const schema = await migratedSchema();
    const runs = startInstances(platform, schema);
    try {
      const ready = await withTimeout(Promise.all(runs.map((r) => r.stage('ready'))), 30_000, 'instances ready');
      await withTimeout(platform.until(() => platform.counts().size >= PLAN.messages), 50_000, 'all messages delivered');
      await sleep(1_500); // a duplicate would arrive now
      await stopAll(runs);

      const counts = platform.counts();
      const stats = platform.counters();
      const senders = runs.filter((r) => r.lines.some((l) => l.stage === 'sender' && l.leads === true));
      console.log(`one sender: ${platform.received.length} sends for ${PLAN.messages} messages (${counts.size} distinct), `
        + `${stats.rejected429} × 429, ${rate(platform.received).toFixed(1)}/s, sends per instance ${JSON.stringify(perInstance(platform.received))}, `
        + `enqueued per instance ${JSON.stringify(ready.map((l) => l.enqueued))}`);

      expect(ready.map((l) => l.enqueued)).toEqual([PLAN.messages / 3, PLAN.messages / 3, PLAN.messages / 3]); // every instance enqueued its share
      expect(stats.rejected429).toBe(0);
      expect(counts.size).toBe(PLAN.messages);
      expect(Math.max(...counts.values())).toBe(1);
      expect(senders).toHaveLength(1);
      expect(Object.keys(perInstance(platform.received))).toEqual([senders[0]!.lines[0]!.instance]);
    } finally {
      await stopAll([...instances]).catch(() => {});
      await schema.drop();
    }
  }, 90_000);

  it('the sender SIGKILLed mid-run is replaced within 15 s; the rest arrives, only its in-flight sends twice, and no 429', async () => {
    platform.reset();
    const schema = await migratedSchema();
    const runs = startInstances(platform, schema);
    const byName = new Map(runs.map((r, i) => [NAMES[i]!, r]));
    const killAt = 80 + Math.floor(Math.random() * 80);
    let victim: string | null = null;
    let killedAt = 0;
    // The send that reaches the platform as the killAt-th is cut off with its sender: the platform
    // has it, the sender never hears back, and its row stays 'sending'.
    platform.onReceive = (r) => {
      if (victim === null && platform.received.length >= killAt) {
        victim = r.instance;
        killedAt = r.at;
        byName.get(r.instance)!.kill();
      }
    };
    try {
      await withTimeout(Promise.all(runs.map((r) => r.stage('ready'))), 30_000, 'instances ready');
      await withTimeout(platform.until(() => platform.counts().size >= PLAN.messages), 60_000, 'all messages delivered');
      await sleep(1_500);
      platform.onReceive = null;
      expect(victim, 'the kill point was reached').not.toBeNull();
      const dead = byName.get(victim!)!;
      expect((await dead.exited).signal).toBe('SIGKILL');
      await stopAll(runs, dead);

      const received = platform.received;
      const firstAfter = received.find((r) => r.at > killedAt && r.instance !== victim);
      const replacedMs = firstAfter ? Math.round(firstAfter.at - killedAt) : null;
      const counts = platform.counts();
      const twice = [...counts].filter(([, n]) => n > 1).map(([k]) => k);
      const firstBy = new Map<string, Received>();
      for (const r of received) if (!firstBy.has(r.key)) firstBy.set(r.key, r);
      const stats = platform.counters();
      const outbox = await outboxOf(schema);
      console.log(`sender killed: ${victim!} SIGKILLed at send #${killAt}; first send by the new sender ${replacedMs} ms later; `
        + `${received.length} sends for ${PLAN.messages} messages (${counts.size} distinct), twice: ${JSON.stringify(twice)}; `
        + `${stats.rejected429} × 429; sends per instance ${JSON.stringify(perInstance(received))}; outbox ${JSON.stringify(outbox)}`);

      expect(replacedMs).not.toBeNull();
      expect(replacedMs!).toBeLessThan(15_000);
      expect(counts.size).toBe(PLAN.messages); // nobody skipped
      expect(Math.max(...counts.values())).toBeLessThanOrEqual(2);
      // Only what the dead sender had in flight: first sent by it, just before the kill.
      for (const k of twice) {
        expect(firstBy.get(k)!.instance).toBe(victim);
        expect(killedAt - firstBy.get(k)!.at).toBeLessThan(2_000);
      }
      expect(twice.length).toBeLessThanOrEqual(3);
      expect(stats.rejected429).toBe(0);
      expect(outbox).toMatchObject({ queued: 0, sending: 0, failed: 0 });
    } finally {
      platform.onReceive = null;
      await stopAll([...instances]).catch(() => {});
      await schema.drop();
    }
  }, 120_000);
});

async function outboxOf(schema: PgSchema) {
  const t = await createTestCore({ storage: { kind: 'postgres', url: schema.url } });
  try {
    return await outboxCounts(t.db);
  } finally {
    await t.close();
  }
}
