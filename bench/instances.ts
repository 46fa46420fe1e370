/*
 * (h) Three instances, one bot token (issue 14 item 3). Three bot instances, each a child
 * process started as in production (test/reliability/sender-worker.ts: tick loop, dispatcher,
 * one sender per platform elected by an advisory lock), share one PostgreSQL schema; each
 * enqueues a third of the messages. They send to the fake platform in a process of its own
 * (bench/fake-platform-server.ts) enforcing Telegram's limits strictly: 30/s per token, 1/s
 * per chat, 20/min per group. Figures: the share of 30/s achieved from the first accepted send
 * to the last, and the 429s drawn. Needs PostgreSQL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createTestCore } from '../test/helpers/core-harness.js';
import { createPgSchema } from '../test/helpers/pg-schema.js';
import { TELEGRAM_LIMITS, type MessagePlan } from '../test/reliability/sender-worker.js';
import { startFakePlatform } from './scenarios.js';
import { fmt, round } from './stats.js';

export interface InstancesResult {
  instances: number;
  /** The pace each instance's port declares (the platform enforces TELEGRAM_LIMITS). */
  portPerSecond: number;
  plan: MessagePlan;
  limits: typeof TELEGRAM_LIMITS;
  delivered: number;
  duplicates: number;
  sendsPerInstance: Record<string, number>;
  /** From the first accepted send to the last. */
  sendingSeconds: number;
  /** What the limits allow at best for this plan (the overall limit, or the slowest group). */
  minimumSeconds: number;
  achievedPerSecond: number;
  fractionOfLimit: number;
  /** The most accepted in any sliding second, as the platform counts. */
  maxInAnySecond: number;
  status429: number;
  rejectedGlobal: number;
  rejectedPerChat: number;
  rejectedPerGroup: number;
  /** Accepted sends in each second from the first one: where the time went. */
  perSecond: number[];
  timedOut: boolean;
}

export const INSTANCES_PLAN: MessagePlan = { messages: 900, groups: 10, groupMessages: 60 };

/**
 * `portPerSecond` is the pace the port declares: 30 measures what the dispatcher can do at
 * the limit (as (c) does); the Telegram port itself declares 29, which caps the share at 29/30.
 */
export async function instancesDispatch(pgUrl: string, plan: MessagePlan = INSTANCES_PLAN, instances = 3, portPerSecond = 30, timeoutMs = 120_000): Promise<InstancesResult> {
  const schema = await createPgSchema(pgUrl, 'bench_instances');
  const l = TELEGRAM_LIMITS;
  const fake = await startFakePlatform([l.perSecond, l.perChatPerSecond, l.perGroupPerMinute ?? 20]);
  const workers: ChildProcess[] = [];
  try {
    const t = await createTestCore({ storage: { kind: 'postgres', url: schema.url } }); // migrations once, before the instances
    await t.close();
    for (let i = 0; i < instances; i += 1) {
      workers.push(spawn(process.execPath, ['--import', 'tsx', 'test/reliability/sender-worker.ts'], {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: {
          ...process.env, NODE_OPTIONS: '', STEADFAST_TEST_DB: schema.url, PLATFORM_URL: fake.url, INSTANCE: String.fromCharCode(97 + i),
          INDEX: String(i), INSTANCES: String(instances), MESSAGES: String(plan.messages), GROUPS: String(plan.groups),
          GROUP_MESSAGES: String(plan.groupMessages), LOCK_SCOPE: schema.name, SENDER_INTERVAL_MS: '2000', PORT_PER_SECOND: String(portPerSecond),
        },
      }));
    }
    const t0 = performance.now();
    let timedOut = false;
    while ((await fake.stats()).accepted < plan.messages) {
      if (performance.now() - t0 > timeoutMs) {
        timedOut = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 1_000)); // a duplicate would arrive now
    const stats = await fake.stats(true);
    const log = stats.received;
    const keys = new Set(log.map((r) => r.key));
    const perInstance: Record<string, number> = {};
    for (const r of log) perInstance[r.instance] = (perInstance[r.instance] ?? 0) + 1;
    let maxWin = 0;
    for (let i = 0, j = 0; i < log.length; i += 1) {
      while (log[i]!.at - log[j]!.at >= 1000) j += 1;
      maxWin = Math.max(maxWin, i - j + 1);
    }
    const perSecond: number[] = [];
    for (const r of log) {
      const sec = Math.floor((r.at - log[0]!.at) / 1000);
      while (perSecond.length <= sec) perSecond.push(0);
      perSecond[sec]! += 1;
    }
    const span = log.length > 1 ? (log.at(-1)!.at - log[0]!.at) / 1000 : 0;
    const achieved = span > 0 ? (log.length - 1) / span : 0;
    const perGroup = Math.ceil(plan.groupMessages / plan.groups);
    return {
      instances, portPerSecond, plan, limits: TELEGRAM_LIMITS, delivered: keys.size, duplicates: log.length - keys.size, sendsPerInstance: perInstance,
      sendingSeconds: round(span, 2),
      minimumSeconds: round(Math.max((plan.messages - 1) / TELEGRAM_LIMITS.perSecond, ((perGroup - 1) * 60) / TELEGRAM_LIMITS.perGroupPerMinute), 2),
      achievedPerSecond: round(achieved, 2), fractionOfLimit: round(achieved / TELEGRAM_LIMITS.perSecond, 3), maxInAnySecond: maxWin,
      status429: stats.rejected429, rejectedGlobal: stats.rejectedGlobal, rejectedPerChat: stats.rejectedPerChat, rejectedPerGroup: stats.rejectedPerGroup,
      perSecond, timedOut,
    };
  } finally {
    for (const w of workers) w.kill('SIGTERM');
    await Promise.all(workers.map((w) => (w.exitCode !== null ? null : new Promise((r) => w.once('exit', r)))));
    fake.stop();
    await schema.drop();
  }
}

/** The table's rows for (h): [figure, SQLite, PostgreSQL, target, verdict]. */
export function instancesRows(r: InstancesResult | null, why: string): [string, string, string, string, string][] {
  const ok = (b: boolean) => (b ? 'met' : 'NOT met');
  if (!r) return [['(h) 3 instances, one token: share of 30/s', '', why, '≥ 95%', '']];
  return [
    [`(h) 3 instances, one token: share of 30/s (${r.plan.messages} msgs, port at ${r.portPerSecond}/s)`, '', `${fmt(r.fractionOfLimit * 100, 1)}% (${fmt(r.achievedPerSecond)}/s)`, '≥ 95%', ok(r.fractionOfLimit >= 0.95 && !r.timedOut)],
    ['(h) 3 instances, one token: 429s drawn', '', `${r.status429} (global ${r.rejectedGlobal}, chat ${r.rejectedPerChat}, group ${r.rejectedPerGroup})`, '0', ok(r.status429 === 0)],
    ['(h) 3 instances: delivered / twice / senders', '', `${r.delivered} / ${r.duplicates} / ${JSON.stringify(r.sendsPerInstance)}`, `${r.plan.messages} / 0 / one`, ok(r.delivered === r.plan.messages && r.duplicates === 0 && Object.keys(r.sendsPerInstance).length === 1)],
  ];
}

export function describeInstances(r: InstancesResult): string {
  return `instances: ${r.instances} instances, ${r.delivered}/${r.plan.messages} delivered (${r.duplicates} twice) in ${fmt(r.sendingSeconds)} s `
    + `(limits allow ${fmt(r.minimumSeconds)} s): ${fmt(r.achievedPerSecond)}/s = ${fmt(r.fractionOfLimit * 100, 1)}% of 30/s, at most ${r.maxInAnySecond} in any second; `
    + `${r.status429} × 429; sends per instance ${JSON.stringify(r.sendsPerInstance)}; per second ${r.perSecond.join(' ')}${r.timedOut ? '; TIMED OUT' : ''}`;
}

