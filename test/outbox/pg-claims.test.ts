// Several instances on one PostgreSQL claim due rows in batches (FOR UPDATE SKIP LOCKED):
// they split a wave between them, and every row is claimed, and sent, exactly once.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { SettableClock } from '../../src/clock.js';
import { silentLog } from '../../src/log.js';
import { Dispatcher } from '../../src/outbox/dispatcher.js';
import { reply } from '../../src/ports/reply.js';
import { openDatabase, type Db } from '../../src/store/database.js';
import { claimTurns, enqueueMessage, outboxCounts } from '../../src/store/outbox.js';
import { createTextSeal } from '../../src/store/sealed-text.js';
import { InProcessPlatform } from '../helpers/in-process-platform.js';
import { createPgSchema, type PgSchema } from '../helpers/pg-schema.js';

const url = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined;
const NOW = new Date('2026-03-10T20:00:00Z');
const seal = createTextSeal(randomBytes(32));

let schema: PgSchema | null = null;
const open: Db[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.destroy();
  await schema?.drop();
  schema = null;
});

/** Two instances: two pools on one fresh schema, with `n` due prompts, one per person. */
async function twoInstances(n: number): Promise<[Db, Db]> {
  schema = await createPgSchema(url!, 'steadfast_claims');
  const a = await openDatabase({ kind: 'postgres', url: schema.url });
  const b = await openDatabase({ kind: 'postgres', url: schema.url });
  open.push(a, b);
  await a.transaction().execute(async (trx) => {
    for (let i = 0; i < n; i += 1) {
      await enqueueMessage(trx, seal, {
        key: `prompt:${i}`, topic: 'prompt', to: { chatId: `test:p${i}`, kind: 'dm' }, recipientId: null,
        reply: reply('How was today?'), notBefore: NOW,
      }, NOW);
    }
  });
  return [a, b];
}

describe.skipIf(!url)('batched claims on PostgreSQL (DATABASE_URL)', () => {
  it('two instances claiming at once split the due rows: each row to exactly one of them', async () => {
    const [a, b] = await twoInstances(600);
    const claimed: string[][] = [[], []];
    await Promise.all([a, b].map(async (db, i) => {
      for (;;) {
        const rows = await claimTurns(db, NOW, 50, { platforms: ['test'] });
        if (rows.length === 0) return;
        claimed[i]!.push(...rows.map((r) => r.id));
      }
    }));
    const all = [...claimed[0]!, ...claimed[1]!];
    expect(all).toHaveLength(600);
    expect(new Set(all).size).toBe(600);
    // Both took a share of the wave (neither waited on the other's locked rows).
    expect(claimed[0]!.length).toBeGreaterThan(0);
    expect(claimed[1]!.length).toBeGreaterThan(0);
    expect(await outboxCounts(a)).toMatchObject({ queued: 0, sending: 600 });
  });

  it('two dispatchers on one schema send every row once between them', async () => {
    const [a, b] = await twoInstances(400);
    // Paced (200 a second each), so both are sending at the same time.
    const ports = [new InProcessPlatform({ limits: { perSecond: 200 } }), new InProcessPlatform({ limits: { perSecond: 200 } })];
    const clock = new SettableClock(NOW);
    const dispatchers = [a, b].map((db, i) => new Dispatcher({ db, seal, clock, log: silentLog, ports: [ports[i]!] }));
    await Promise.all(dispatchers.map((d) => d.flush()));
    const keys = ports.flatMap((p) => p.delivered.map((c) => c.key));
    expect(keys).toHaveLength(400);
    expect(new Set(keys).size).toBe(400);
    expect(ports.every((p) => p.delivered.length > 0)).toBe(true);
    expect(await outboxCounts(a)).toMatchObject({ queued: 0, sending: 0, failed: 0 });
  });
});
