/*
 * One instance of the bot sharing one bot token with others: its own core on the shared
 * PostgreSQL schema, started as in production (tick loop, dispatcher, and the election of
 * one sender per platform), sending over HTTP to a platform that enforces the real limits.
 * It first enqueues its share of a planned set of messages (message i goes to instance
 * i mod INSTANCES), then runs until SIGTERM (a clean stop) or SIGKILL.
 *
 *   STEADFAST_TEST_DB=postgres://…?options=-c%20search_path%3Dx PLATFORM_URL=http://127.0.0.1:…/send
 *   INSTANCE=a INDEX=0 INSTANCES=3 MESSAGES=600 GROUPS=6 GROUP_MESSAGES=30 LOCK_SCOPE=x [PORT_PER_SECOND=29]
 *   node --import tsx test/reliability/sender-worker.ts
 *
 * Prints JSON lines: {"stage":"ready","enqueued":n}, {"stage":"sender","leads":true|false}
 * whenever it becomes or stops being the sender, {"stage":"stopped"}.
 */
import { pathToFileURL } from 'node:url';
import { systemClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { createCore } from '../../src/core.js';
import { silentLog } from '../../src/log.js';
import { reply } from '../../src/ports/reply.js';
import { CommandRateLimit } from '../../src/services/command-pace.js';
import { openDatabase } from '../../src/store/database.js';
import { enqueueMessage } from '../../src/store/outbox.js';
import { createTextSeal } from '../../src/store/sealed-text.js';
import { seededRandom } from '../helpers/seeded-random.js';
import { httpPlatformPort } from '../helpers/http-platform.js';

/** Telegram's limits for one bot token, as the fake platform enforces them. */
export const TELEGRAM_LIMITS = { perSecond: 30, perChatPerSecond: 1, perGroupPerMinute: 20 } as const;
/** What the Telegram port declares (adapters/telegram/port.ts): a little under the overall limit, for network jitter. */
export const TELEGRAM_PORT_PER_SECOND = 29;

export interface MessagePlan {
  messages: number;
  groups: number;
  /** The first this many messages go to the groups in turn; the rest to private chats. */
  groupMessages: number;
}

/** Message i of a plan: its key and chat. Private chats get two messages each, so the per-chat limit is met but never binds. */
export function plannedMessage(plan: MessagePlan, i: number): { key: string; chat: string; kind: 'dm' | 'group' } {
  if (i < plan.groupMessages) return { key: `m${i}`, chat: `test:g${i % plan.groups}`, kind: 'group' };
  return { key: `m${i}`, chat: `test:c${Math.floor((i - plan.groupMessages) / 2)}`, kind: 'dm' };
}

const env = process.env;
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();

async function main() {
  const { STEADFAST_TEST_DB: dbUrl, PLATFORM_URL: url, INSTANCE: instance = '?', LOCK_SCOPE: scope = '' } = env;
  if (!dbUrl || !url) {
    process.stderr.write('sender-worker needs STEADFAST_TEST_DB and PLATFORM_URL\n');
    process.exit(2);
  }
  const say = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ instance, ...o })}\n`);
  const index = Number(env.INDEX ?? 0);
  const instances = Number(env.INSTANCES ?? 1);
  const plan: MessagePlan = { messages: Number(env.MESSAGES ?? 0), groups: Number(env.GROUPS ?? 1), groupMessages: Number(env.GROUP_MESSAGES ?? 0) };

  const config = loadConfig({ DATABASE_URL: dbUrl });
  const db = await openDatabase(config.storage);
  const seal = createTextSeal(config.dataKey);
  const perSecond = Number(env.PORT_PER_SECOND ?? TELEGRAM_PORT_PER_SECOND);
  const port = httpPlatformPort('test', url, { ...TELEGRAM_LIMITS, perSecond }, { 'x-instance': instance });
  const core = createCore({
    db, clock: systemClock, config, log: silentLog, seal, random: seededRandom(index + 1), ports: [port],
    commandLimit: new CommandRateLimit(Number.MAX_SAFE_INTEGER, 1),
    senders: { storage: config.storage, intervalMs: Number(env.SENDER_INTERVAL_MS ?? 1_000), lockName: (p) => `${p}-sender:${scope}` },
  });

  // Every instance enqueues, as each would answer the updates it handles.
  let enqueued = 0;
  const now = systemClock.now();
  for (let i = index; i < plan.messages; i += instances) {
    const m = plannedMessage(plan, i);
    await enqueueMessage(db, seal, {
      key: m.key, topic: 'answer', to: { chatId: m.chat, kind: m.kind }, recipientId: null, reply: reply(`Message ${i}: thanks for checking in.`), notBefore: now,
    }, now);
    enqueued += 1;
  }
  await core.start();
  say({ stage: 'ready', enqueued });

  let leads = false;
  const watch = setInterval(() => {
    if (core.sends('test') !== leads) {
      leads = !leads;
      say({ stage: 'sender', leads });
    }
  }, 50);
  process.once('SIGTERM', () => {
    clearInterval(watch);
    void core.stop().then(() => db.destroy()).then(() => {
      say({ stage: 'stopped' });
      process.exit(0);
    });
  });
}
