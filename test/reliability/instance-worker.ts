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
import { parseDatabaseUrl } from '../../src/config.js';
import { dueMessages } from '../../src/store/outbox.js';
import { createTestCore } from '../helpers/core-harness.js';
import { httpPlatformPort } from '../helpers/http-platform.js';

const { STEADFAST_TEST_DB: dbUrl, PLATFORM_URL: url, NOW: at, INSTANCE: instance = '?', RECOVER_BEFORE: recoverBefore } = process.env;
const storage = parseDatabaseUrl(dbUrl);
if (!dbUrl || !storage || !url || !at) {
  process.stderr.write('instance-worker needs STEADFAST_TEST_DB, PLATFORM_URL and NOW\n');
  process.exit(2);
}
const say = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ instance, ...o })}\n`);

// Paced so a few sends are in flight at any moment, as with a real platform.
const platform = httpPlatformPort('test', url, { perSecond: Number(process.env.PER_SECOND ?? 300), perChatPerSecond: 1 }, { 'x-instance': instance });
const { core, db, clock, close } = await createTestCore({ storage, at, ports: [platform] });
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
await close();
process.exit(0);
