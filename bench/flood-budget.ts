/*
 * Issue 14 item 2, budgets against floods: one group flooded for ten simulated minutes, by one
 * account at the allowed command pace and by many accounts, with the platform sending nothing
 * meanwhile (the worst case); and what one public answer in a group costs while a 20:00 wave of
 * prompts waits in the outbox. Figures only; the tests (test/core/flood-budget.test.ts) hold the rules.
 */
import { SettableClock } from '../src/clock.js';
import type { ChatRef } from '../src/ports/inbound.js';
import { CommandRateLimit } from '../src/services/command-pace.js';
import { GROUP_BUDGET } from '../src/services/reply-budget.js';
import { deliveryPriority } from '../src/domain/delivery-priority.js';
import { toDbInstant } from '../src/store/convert.js';
import { createTestCore, TEST_START, type TestCore, type TestStorage } from '../test/helpers/core-harness.js';
import { InProcessPlatform } from '../test/helpers/in-process-platform.js';
import { summarize, type Summary } from './stats.js';

export interface FloodBudgetResult {
  cap: number;
  /** One account at the allowed pace (1 command a second), ten simulated minutes. */
  oneAccount: { commands: number; maxQueuedForGroup: number; postedInGroup: number; privateAnswers: number };
  /** Many accounts, each a command every five seconds, ten simulated minutes. */
  manyAccounts: { accounts: number; commands: number; maxQueuedForGroup: number; dropped: number };
  /** One public answer in a group (the core's handle of /help) with this many prompts queued. */
  answerCost: { queuedPrompts: number } & Summary;
}

const GROUP: ChatRef = { id: 'test:group:bench', kind: 'group' };

/** A fresh, empty place for a core (each part gets its own), and how to remove it after. */
export type BenchPlace = () => Promise<{ storage: TestStorage; cleanup(): Promise<void> }>;

export async function floodBudget(place: BenchPlace, opts: { queuedPrompts: number; accounts: number }): Promise<FloodBudgetResult> {
  const cleanups: (() => Promise<void>)[] = [];
  const fresh = async (): Promise<TestCore> => {
    const where = await place();
    cleanups.push(where.cleanup);
    const clock = new SettableClock(new Date(TEST_START));
    return createTestCore({
      storage: where.storage, clock, ports: [new InProcessPlatform({ answersInline: false, ephemeral: false })],
      // The per-account command pace as it is in production (a burst of 10, then one a second), on the simulated clock.
      commandLimit: new CommandRateLimit(10, 1_000, () => clock.now().getTime()),
    });
  };
  try {
    return await parts(fresh, opts);
  } finally {
    for (const c of cleanups) await c().catch(() => undefined);
  }
}

async function parts(fresh: () => Promise<TestCore>, opts: { queuedPrompts: number; accounts: number }): Promise<FloodBudgetResult> {
  const queued = async (t: TestCore) => Number((await t.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('chat_id', '=', GROUP.id).where('status', '=', 'queued').executeTakeFirstOrThrow()).n);
  const send = (t: TestCore, as: string, text: string, chat: ChatRef = GROUP) =>
    t.core.handle({ account: `test:${as}`, displayName: as, chat, text });

  // One account at the allowed pace.
  let t = await fresh();
  await send(t, 'flo', '/help', { id: 'test:flo', kind: 'dm' });
  const kinds = ['/help', '/checkin', '/group join', '/sos', '/nonsense'];
  let maxOne = 0;
  for (let s = 0; s < 600; s += 1) {
    t.clock.advance(1_000);
    await send(t, 'flo', kinds[s % kinds.length]!);
    if (s % 10 === 0) maxOne = Math.max(maxOne, await queued(t));
  }
  maxOne = Math.max(maxOne, await queued(t));
  const postedInGroup = (await t.db.selectFrom('outbox').select('id').where('chat_id', '=', GROUP.id).execute()).length;
  const privateAnswers = (await t.db.selectFrom('outbox').select('id').where('chat_id', '=', 'test:flo').execute()).length;
  await t.close();

  // Many accounts, half of them never opened a private chat (each is owed a note a minute).
  t = await fresh();
  const people = Array.from({ length: opts.accounts }, (_, i) => `m${i}`);
  for (const p of people.slice(0, people.length / 2)) await send(t, p, '/help', { id: `test:${p}`, kind: 'dm' });
  let maxMany = 0;
  let commands = 0;
  for (let s = 0; s < 600; s += 5) {
    t.clock.advance(5_000);
    for (const [i, p] of people.entries()) {
      await send(t, p, (s / 5 + i) % 3 === 0 ? '/help' : '/checkin');
      commands += 1;
    }
    maxMany = Math.max(maxMany, await queued(t));
  }
  const dropped = (await t.db.selectFrom('outbox').select('id').where('chat_id', '=', GROUP.id).where('status', '=', 'skipped').execute()).length;
  await t.close();

  // The cost of one public answer in a group while a wave of prompts waits.
  t = await fresh();
  const now = toDbInstant(t.clock.now());
  for (let b = 0; b < opts.queuedPrompts; b += 1_000) {
    await t.db.insertInto('outbox').values(Array.from({ length: Math.min(1_000, opts.queuedPrompts - b) }, (_, i) => ({
      id: `p${b + i}`, idem_key: `bench:prompt:${b + i}`, kind: 'prompt', topic: 'prompt', platform: 'test', chat_id: `test:${b + i}`,
      chat_kind: 'dm', recipient_id: null, about_id: null, about_date: null, needs_scopes: null, reports_relapse: 0, tells_status: null,
      link_id: null, replaces_message_id: null, urgent: 0, priority: deliveryPriority('prompt'), payload: 'x', status: 'queued', attempts: 0, not_before: now, created_at: now,
    }))).execute();
  }
  const ms: number[] = [];
  for (let i = 0; i < 200; i += 1) {
    t.clock.advance(61_000); // a minute apart, so each /help is posted (and capped), not held
    const s = performance.now();
    await send(t, `a${i}`, '/help');
    ms.push(performance.now() - s);
  }
  await t.close();
  return {
    cap: GROUP_BUDGET.queuedAnswersPerChat,
    oneAccount: { commands: 600, maxQueuedForGroup: maxOne, postedInGroup, privateAnswers },
    manyAccounts: { accounts: opts.accounts, commands, maxQueuedForGroup: maxMany, dropped },
    answerCost: { queuedPrompts: opts.queuedPrompts, ...summarize(ms) },
  };
}
