import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { healthReport, startHealthServer } from '../../src/services/health.js';
import { enqueueMessage } from '../../src/store/outbox.js';
import { reply } from '../../src/ports/reply.js';
import { createTestBot, type TestBot } from '../helpers/core-harness.js';

describe('the /healthz endpoint', () => {
  let bot: TestBot | null = null;
  afterEach(async () => { await bot?.close().catch(() => {}); bot = null; });

  it('says whether the database and each platform are up, and the outbox backlog, with no personal data', async () => {
    bot = await createTestBot({ storage: 'sqlite-memory' });
    await bot.say('ana', '/start');
    const now = bot.clock.now();
    await enqueueMessage(bot.db, bot.seal, { key: 'k1', topic: 'prompt', to: { chatId: 'telegram:1', kind: 'dm' }, recipientId: null, reply: reply('private words'), notBefore: new Date(now.getTime() - 90_000) }, now);
    let telegram: 'up' | 'down' = 'up';
    const b = bot;
    const server = await startHealthServer(0, '127.0.0.1', () => healthReport(b.db, b.clock, { telegram: () => telegram }));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const ok = await fetch(`${base}/healthz`);
    const body = await ok.text();
    expect(ok.status).toBe(200);
    expect(JSON.parse(body)).toMatchObject({ ok: true, database: 'up', platforms: { telegram: 'up' }, outbox: { queued: 1, oldestQueuedSeconds: 90 } });
    expect(body).not.toContain('private words');

    telegram = 'down';
    expect((await fetch(`${base}/healthz`)).status).toBe(503);
    expect((await fetch(`${base}/other`)).status).toBe(404);
    await new Promise((r) => server.close(r));
  });
});
