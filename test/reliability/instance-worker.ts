/*
 * One instance of the bot for the multi-instance race: its own core on the shared
 * database, a clock fixed at NOW, and a platform reached over HTTP. It recovers (when
 * RECOVER_BEFORE is set), ticks, sends everything due, and exits.
 *
 *   STEADFAST_TEST_DB=postgres://…?options=-c%20search_path%3Dx PLATFORM_URL=http://127.0.0.1:…/send
 *   NOW=2026-03-10T20:00:30Z INSTANCE=a [RECOVER_BEFORE=iso] node --import tsx test/reliability/instance-worker.ts
 *
 * Prints JSON lines: {"stage":"ready"}, {"stage":"recovered",…}, {"stage":"ticked",…}, {"stage":"done",…}.
 */
import { SettableClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { createCore } from '../../src/core.js';
import { silentLog } from '../../src/log.js';
import type { PlatformPort, SendResult } from '../../src/ports/platform.js';
import { openDatabase } from '../../src/store/database.js';
import { dueMessages } from '../../src/store/outbox.js';
import { createTextSeal } from '../../src/store/sealed-text.js';

const { STEADFAST_TEST_DB: dbUrl, PLATFORM_URL: url, NOW: at, INSTANCE: instance = '?', RECOVER_BEFORE: recoverBefore } = process.env;
if (!dbUrl || !url || !at) {
  process.stderr.write('instance-worker needs STEADFAST_TEST_DB, PLATFORM_URL and NOW\n');
  process.exit(2);
}
const say = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ instance, ...o })}\n`);

const http: PlatformPort = {
  platform: 'test',
  // Paced so a few sends are in flight at any moment, as with a real platform.
  limits: { perSecond: Number(process.env.PER_SECOND ?? 300), perChatPerSecond: 1 },
  async send(m): Promise<SendResult> {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-instance': instance },
      body: JSON.stringify({ key: m.key, chat: m.to.chatId }),
    });
    await res.arrayBuffer();
    if (res.ok) return { ok: true };
    if (res.status === 429) return { ok: false, error: 'rate_limited', retryAfterMs: 200 };
    return { ok: false, error: 'transient', reason: `HTTP ${res.status}` };
  },
};

const config = loadConfig({ DATABASE_URL: dbUrl, LOG_LEVEL: 'silent' });
const db = await openDatabase(config.storage);
const clock = new SettableClock(new Date(at));
const core = createCore({ db, clock, config, log: silentLog, seal: createTextSeal(null), random: Math.random, ports: [http] });
say({ stage: 'ready' });

if (recoverBefore) say({ stage: 'recovered', ...(await core.dispatcher.recover(new Date(recoverBefore))) });
const ticks = [];
// Tick and send until this instance finds nothing more to do: another instance may still
// be ticking when this one first finishes sending.
for (let round = 0; round < 20; round += 1) {
  const report = await core.tick();
  ticks.push(report);
  if (round === 0) say({ stage: 'ticked', ...report });
  await core.dispatcher.flush();
  if (report.prompts === 0 && (await dueMessages(db, clock.now(), 1)).length === 0) break;
}
say({ stage: 'done', prompts: ticks.reduce((n, t) => n + t.prompts, 0), rounds: ticks.length });
await db.destroy();
process.exit(0);
