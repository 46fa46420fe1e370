// One sender per platform: what a new sender takes back, and who sends. SQLite needs no
// election (one process sends everything); on PostgreSQL two instances in this process
// share a schema: only the elected one sends, and when it stops the other takes over and
// sends what is left, including what the first left mid-send.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { createCore } from '../../src/core.js';
import { Dispatcher } from '../../src/outbox/dispatcher.js';
import { silentLog } from '../../src/log.js';
import { reply } from '../../src/ports/reply.js';
import { openDatabase, type Db } from '../../src/store/database.js';
import { enqueueMessage, recoverInterrupted } from '../../src/store/outbox.js';
import { createTextSeal } from '../../src/store/sealed-text.js';
import { createTestCore } from '../helpers/core-harness.js';
import { InProcessPlatform } from '../helpers/in-process-platform.js';
import { createPgSchema } from '../helpers/pg-schema.js';
import { seededRandom } from '../helpers/seeded-random.js';
import { waitFor } from '../helpers/wait-for.js';

const url = process.env.DATABASE_URL ?? '';
const onPostgres = /^postgres(ql)?:\/\//.test(url);
const seal = createTextSeal(null);

async function enqueue(db: Db, key: string, chatId: string, laterMs = 0): Promise<void> {
  const now = systemClock.now();
  await enqueueMessage(db, seal, {
    key, topic: 'answer', to: { chatId, kind: 'dm' }, recipientId: null, reply: reply(`hello ${key}`), notBefore: new Date(now.getTime() + laterMs),
  }, now);
}

async function statusOf(db: Db, key: string) {
  return db.selectFrom('outbox').select(['status', 'last_error']).where('idem_key', '=', key).executeTakeFirstOrThrow();
}

async function markSending(db: Db, key: string) {
  const now = systemClock.now().toISOString();
  await db.updateTable('outbox').set({ status: 'sending', claimed_at: now, not_before: now }).where('idem_key', '=', key).execute();
}

describe('a new sender takes back what the previous one left mid-send', () => {
  it('only that platform\'s rows, each once: a second interruption is a failure, never a third send', async () => {
    const t = await createTestCore();
    try {
      await enqueue(t.db, 'a', 'test:1');
      await enqueue(t.db, 'b', 'other:1');
      await markSending(t.db, 'a');
      await markSending(t.db, 'b');
      expect(await recoverInterrupted(t.db, { platform: 'test' })).toEqual({ requeued: 1, failed: 0 });
      expect(await statusOf(t.db, 'a')).toEqual({ status: 'queued', last_error: 'interrupted' });
      expect((await statusOf(t.db, 'b')).status).toBe('sending'); // another platform's sender is alive
      await markSending(t.db, 'a');
      expect(await recoverInterrupted(t.db, { platform: 'test' })).toEqual({ requeued: 0, failed: 1 });
      expect((await statusOf(t.db, 'a')).status).toBe('failed');
    } finally {
      await t.close();
    }
  });
});

async function instance(dbUrl: string, port: InProcessPlatform, lockName: string) {
  const config = loadConfig({ DATABASE_URL: dbUrl });
  const db = await openDatabase(config.storage);
  const core = createCore({
    db, clock: systemClock, config, log: silentLog, seal, random: seededRandom(1), ports: [port],
    senders: { storage: config.storage, intervalMs: 200, lockName: () => lockName },
  });
  return { core, db, async close() { await core.stop(); await db.destroy(); } };
}

describe('who sends', () => {
  it('an instance sends only the platforms it leads, and another platform\'s backlog never hides its own rows', async () => {
    const [mine, theirs] = [new InProcessPlatform(), new InProcessPlatform({ platform: 'other' })];
    const t = await createTestCore({ ports: [mine, theirs] });
    try {
      const d = new Dispatcher({ db: t.db, seal, clock: systemClock, log: silentLog, ports: [mine, theirs], leads: (p) => p === 'test' });
      // 250 older rows of a platform another instance sends for: more than one read of the outbox holds.
      for (let i = 0; i < 250; i += 1) await enqueue(t.db, `o${i}`, `other:${i}`);
      await enqueue(t.db, 'mine', 'test:1');
      await d.flush();
      expect(mine.delivered.map((c) => c.key)).toEqual(['mine']);
      expect(theirs.calls).toHaveLength(0);
    } finally {
      await t.close();
    }
  });

  it('on SQLite the one process sends everything, with no election', async () => {
    const t = await createTestCore();
    await t.close({ keepFiles: true });
    const port = new InProcessPlatform();
    const a = await instance(`sqlite:${t.file!}`, port, 'unused');
    try {
      await enqueue(a.db, 'x', 'test:1');
      await a.core.start();
      expect(a.core.sends('test')).toBe(true);
      await waitFor(() => port.delivered.length === 1, 5_000);
    } finally {
      await a.close();
      rmSync(t.dir!, { recursive: true, force: true });
    }
  });

  it.skipIf(!onPostgres)('on PostgreSQL one of two instances sends; when it stops, the other takes over within seconds and sends the rest', async () => {
    const schema = await createPgSchema(url, 'steadfast_senders');
    const lock = `test-sender-${randomBytes(4).toString('hex')}`;
    const [pa, pb] = [new InProcessPlatform(), new InProcessPlatform()];
    const a = await instance(schema.url, pa, lock);
    const b = await instance(schema.url, pb, lock);
    try {
      await a.core.start();
      await waitFor(() => a.core.sends('test'), 5_000);
      await b.core.start();
      for (let i = 0; i < 5; i += 1) await enqueue(b.db, `m${i}`, `test:${i}`); // the standby enqueues; the sender sends
      await waitFor(() => pa.delivered.length === 5, 10_000);
      expect(b.core.sends('test')).toBe(false);

      // The sender goes away with one send unfinished; the standby takes over, takes it back and sends it with the rest.
      // 'late' is written straight as 'sending' (enqueued for later first, so the sender never picks it up itself).
      await enqueue(b.db, 'late', 'test:9', 60_000);
      await markSending(b.db, 'late');
      await a.core.stop();
      await enqueue(b.db, 'after', 'test:8');
      const stoppedAt = Date.now();
      await a.db.destroy();
      await waitFor(() => b.core.sends('test'), 10_000);
      await waitFor(() => pb.delivered.length === 2, 10_000);
      console.log(`sender replaced and sending ${Date.now() - stoppedAt} ms after the first stopped`);
      expect(pb.delivered.map((c) => c.key).sort()).toEqual(['after', 'late']);
      expect(pa.delivered).toHaveLength(5);
    } finally {
      await b.close();
      await schema.drop();
    }
  }, 30_000);
});
