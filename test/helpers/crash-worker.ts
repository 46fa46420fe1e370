/*
 * One life of the bot for the crash test: open the SQLite file, recover what a killed
 * predecessor left mid-send, tick, send everything through an HTTP platform, exit. The
 * test kills it with SIGKILL at random points and starts it again.
 *
 *   node --import tsx test/helpers/crash-worker.ts <sqlite-file> <platform-url> <now-iso>
 *
 * Prints one JSON line per stage on stdout: {"stage":"recovered",…}, {"stage":"ticked",…},
 * {"stage":"done",…}.
 */
import { outboxCounts } from '../../src/store/outbox.js';
import { createTestCore } from './core-harness.js';
import { httpPlatformPort } from './http-platform.js';

const [file, url, at] = process.argv.slice(2);
if (!file || !url || !at) {
  process.stderr.write('usage: crash-worker <sqlite-file> <platform-url> <now-iso>\n');
  process.exit(2);
}

const say = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);

// Fast enough for a thousand messages in seconds, paced enough that only a few are in flight.
const platform = httpPlatformPort('test', url, { perSecond: 250, perChatPerSecond: 1 });
const { core, db, close } = await createTestCore({ storage: { kind: 'sqlite', file }, at, ports: [platform] });

say({ stage: 'recovered', ...(await core.dispatcher.recoverAtStart()) });
say({ stage: 'ticked', ...(await core.tick()) });
await core.dispatcher.flush();
say({ stage: 'done', ...(await outboxCounts(db)) });
await close();
process.exit(0);
