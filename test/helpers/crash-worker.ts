/*
 * One life of the bot for the crash test: open the SQLite file, recover what a killed
 * predecessor left mid-send, tick, send everything through an HTTP platform, exit. The
 * test kills it with SIGKILL at random points and starts it again.
 *
 *   tsx test/helpers/crash-worker.ts <sqlite-file> <platform-url> <now-iso>
 *
 * Prints one JSON line per stage on stdout: {"stage":"recovered",…}, {"stage":"ticked",…},
 * {"stage":"done",…}.
 */
import { SettableClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { createCore } from '../../src/core.js';
import { silentLog } from '../../src/log.js';
import type { PlatformPort, SendResult } from '../../src/ports/platform.js';
import { openDatabase } from '../../src/store/database.js';
import { outboxCounts } from '../../src/store/outbox.js';
import { createTextSeal } from '../../src/store/sealed-text.js';

const [file, url, at] = process.argv.slice(2);
if (!file || !url || !at) {
  process.stderr.write('usage: crash-worker <sqlite-file> <platform-url> <now-iso>\n');
  process.exit(2);
}

const say = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);

/** A platform reached over HTTP: each message is POSTed as {key, chat}; 200 means delivered. */
const http: PlatformPort = {
  platform: 'test',
  // Fast enough for a thousand messages in seconds, paced enough that only a few are in flight.
  limits: { perSecond: 250, perChatPerSecond: 1 },
  async send(m): Promise<SendResult> {
    const res = await fetch(url, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: m.key, chat: m.to.chatId }),
    });
    await res.arrayBuffer();
    if (res.ok) return { ok: true };
    if (res.status === 429) return { ok: false, error: 'rate_limited', retryAfterMs: 1_000 };
    return { ok: false, error: 'transient', reason: `HTTP ${res.status}` };
  },
};

const config = loadConfig({ DATABASE_URL: `sqlite:${file}`, LOG_LEVEL: 'silent' });
const db = await openDatabase(config.storage);
const clock = new SettableClock(new Date(at));
const core = createCore({
  db, clock, config, log: silentLog, seal: createTextSeal(null), random: Math.random, ports: [http],
});

say({ stage: 'recovered', ...(await core.dispatcher.recoverAtStart()) });
say({ stage: 'ticked', ...(await core.tick()) });
await core.dispatcher.flush();
say({ stage: 'done', ...(await outboxCounts(db)) });
await db.destroy();
process.exit(0);
