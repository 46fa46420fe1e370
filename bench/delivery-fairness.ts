/*
 * Delivery under pressure (issue 14): (g) how long an SOS takes to reach the platform while
 * one group floods the outbox at the pace one account is allowed, and (i) how long a 20:00
 * wave of due prompts takes to claim, with one instance on SQLite and one or three on
 * PostgreSQL. Figures are printed by bench/run.ts; nothing here asserts a timing.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import { SettableClock } from '../src/clock.js';
import { parseDatabaseUrl } from '../src/config.js';
import { silentLog } from '../src/log.js';
import { Dispatcher } from '../src/outbox/dispatcher.js';
import type { OutboundMessage, PlatformPort, RateLimits, SendResult } from '../src/ports/platform.js';
import { reply } from '../src/ports/reply.js';
import { isSqlite, openDatabase, type Db } from '../src/store/database.js';
import { claimTurns, enqueueMessage } from '../src/store/outbox.js';
import type { OutboxTable } from '../src/store/schema.js';
import { createTextSeal } from '../src/store/sealed-text.js';
import { percentile, round } from './stats.js';

/** Telegram's published limits for one bot token. */
const TELEGRAM: RateLimits = { perSecond: 29, perChatPerSecond: 1, perGroupPerMinute: 20 };
/** The per-account command pace (services/command-pace.ts): one a second once the burst is spent. */
const COMMANDS_PER_SECOND = 1;

/** A platform that accepts at once and notes when each message was handed to it. */
class HandOverPort implements PlatformPort {
  readonly platform = 'tg';
  readonly handedAt = new Map<string, number>();
  sent = 0;
  constructor(readonly limits: RateLimits) {}
  async send(m: OutboundMessage): Promise<SendResult> {
    this.handedAt.set(m.key, performance.now());
    this.sent += 1;
    return { ok: true };
  }
}

async function open(url: string): Promise<Db> {
  const target = parseDatabaseUrl(url);
  if (!target) throw new Error(`not a database URL: ${url}`);
  if (target.kind === 'sqlite') for (const f of [target.file, `${target.file}-wal`, `${target.file}-shm`]) rmSync(f, { force: true });
  return openDatabase(target);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface SosTrials {
  trials: number;
  /** Rows the flooding group had queued when the trials began (10 simulated minutes of it). */
  floodQueued: number;
  /** Due prompts to other people queued as well (the platform's whole budget taken). */
  backlogPrompts: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  samplesMs: number[];
  /** Messages the flooding group got during the trials, and what its limit allows in that time. */
  groupSent: number;
  groupAllowed: number;
  /** Dispatcher rounds per second during the trials. */
  roundsPerSecond: number;
}

/**
 * (g) One account answers in a group at the command pace (1/s) while the group may take 20
 * a minute: ten simulated minutes leave about 400 answers queued, and the flood goes on in
 * real time. SOS messages are then queued one at a time at random moments; each is timed from
 * the enqueue to the moment the platform port is handed it.
 */
export async function sosDuringFlood(url: string, o: { trials: number; backlogPrompts: number; minutes?: number }): Promise<SosTrials> {
  const db = await open(url);
  const seal = createTextSeal(randomBytes(32));
  const clock = new SettableClock();
  const port = new HandOverPort(TELEGRAM);
  const dispatcher = new Dispatcher({ db, seal, clock, log: silentLog, ports: [port] });
  const group = { chatId: 'tg:-100flood', kind: 'group' as const };
  let seq = 0;
  const answer = (trx: Db, at: Date) => enqueueMessage(trx, seal, {
    key: `flood:${(seq += 1)}`, topic: 'answer', to: group, recipientId: null, reply: reply('Here is the help text again.'), notBefore: at,
  }, at);
  try {
    const minutes = o.minutes ?? 10;
    const start = clock.now().getTime() - minutes * 60_000;
    // What the group could not take in those minutes is still queued, oldest first.
    const queued = Math.round(minutes * 60 * COMMANDS_PER_SECOND - minutes * (TELEGRAM.perGroupPerMinute ?? 20));
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < queued; i += 1) await answer(trx, new Date(start + i * (minutes * 60_000 / queued)));
      for (let i = 0; i < o.backlogPrompts; i += 1) {
        await enqueueMessage(trx, seal, {
          key: `prompt:${i}`, topic: 'prompt', to: { chatId: `tg:${i}`, kind: 'dm' }, recipientId: null,
          reply: reply('How was today?'), notBefore: clock.now(),
        }, clock.now());
      }
    });
    dispatcher.start();
    // The flood goes on, at the pace its account is allowed, as the core would enqueue and poke.
    const flood = setInterval(() => {
      void answer(db, clock.now()).then(() => dispatcher.poke());
    }, 1_000 / COMMANDS_PER_SECOND);
    await sleep(1_500);
    const groupBefore = [...port.handedAt.keys()].filter((k) => k.startsWith('flood:')).length;
    const rounds0 = dispatcher.rounds;
    const t0 = performance.now();
    const samples: number[] = [];
    for (let i = 0; i < o.trials; i += 1) {
      await sleep(150 + Math.random() * 850);
      const key = `sos:${i}`;
      const asked = performance.now();
      await enqueueMessage(db, seal, {
        key, topic: 'sos', urgent: true, to: { chatId: `tg:friend-${i}`, kind: 'dm' }, recipientId: null,
        reply: reply('Someone in your circle is reaching out right now.'), notBefore: clock.now(),
      }, clock.now());
      dispatcher.poke();
      while (!port.handedAt.has(key)) {
        if (performance.now() - asked > 60_000) break;
        await sleep(1);
      }
      samples.push((port.handedAt.get(key) ?? Number.NaN) - asked);
    }
    const seconds = (performance.now() - t0) / 1_000;
    clearInterval(flood);
    const groupSent = [...port.handedAt.keys()].filter((k) => k.startsWith('flood:')).length - groupBefore;
    const roundsPerSecond = (dispatcher.rounds - rounds0) / seconds;
    await dispatcher.stop();
    const ok = samples.filter((s) => Number.isFinite(s));
    return {
      trials: o.trials, floodQueued: queued, backlogPrompts: o.backlogPrompts,
      p50Ms: round(percentile(ok, 50), 1), p99Ms: ok.length < samples.length ? Number.POSITIVE_INFINITY : round(percentile(ok, 99), 1),
      maxMs: round(Math.max(...samples), 1), samplesMs: samples.map((s) => round(s, 1)),
      groupSent, groupAllowed: Math.ceil(seconds / 60 * (TELEGRAM.perGroupPerMinute ?? 20)), roundsPerSecond: round(roundsPerSecond, 1),
    };
  } finally {
    await db.destroy();
  }
}

export interface WaveClaim {
  rows: number;
  instances: number;
  batch: number;
  ms: number;
  perSecond: number;
  /** Rows each instance claimed. */
  perInstance: number[];
  /** Rows left unclaimed or claimed twice (both should be 0). */
  missed: number;
  doubled: number;
}

/** 100,000 prompts due at 20:00, one per person, written straight to the table (what is timed is the claim). */
async function seedWave(db: Db, rows: number, at: Date): Promise<void> {
  const now = at.toISOString();
  const chunk = 1_000;
  for (let i = 0; i < rows; i += chunk) {
    const values: OutboxTable[] = [];
    for (let j = i; j < Math.min(rows, i + chunk); j += 1) {
      values.push({
        id: randomUUID(), idem_key: `prompt:p${j}:2026-06-10`, kind: 'prompt', topic: 'prompt', platform: 'tg', chat_id: `tg:${j}`, chat_kind: 'dm',
        recipient_id: null, about_id: null, about_date: '2026-06-10', needs_scopes: null, reports_relapse: 0, tells_status: null, link_id: null,
        replaces_message_id: null, urgent: 0, priority: 3, payload: 'x', status: 'queued', attempts: 0, not_before: now,
        claimed_at: null, sent_at: null, last_error: null, platform_message_id: null, created_at: now,
      });
    }
    await db.insertInto('outbox').values(values).execute();
  }
  if (!isSqlite(db)) await sql`analyze outbox`.execute(db);
}

/**
 * (i) Claim time for a wave: each instance claims batches of the next rows in line (the
 * dispatcher's own claim statement) until none is left. Instances are separate connection
 * pools in this process, as separate processes would be to the database.
 */
export async function claimWave(urls: readonly string[], rows: number, batch = 500): Promise<WaveClaim> {
  const dbs: Db[] = [];
  try {
    for (const url of urls) dbs.push(dbs.length === 0 ? await open(url) : await openDatabase(parseDatabaseUrl(url)!));
    const at = new Date('2026-06-10T20:00:00Z');
    await seedWave(dbs[0]!, rows, at);
    const claimed = dbs.map(() => [] as string[]);
    const t0 = performance.now();
    await Promise.all(dbs.map(async (db, i) => {
      for (;;) {
        const got = await claimTurns(db, at, batch, { platforms: ['tg'] });
        // An empty batch while others hold rows is not the end: done when nothing is queued.
        if (got.length === 0 && !(await db.selectFrom('outbox').select('id').where('status', '=', 'queued').limit(1).executeTakeFirst())) return;
        for (const r of got) claimed[i]!.push(r.id);
      }
    }));
    const ms = performance.now() - t0;
    const all = claimed.flat();
    const left = await dbs[0]!.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'queued').executeTakeFirstOrThrow();
    return {
      rows, instances: dbs.length, batch, ms: round(ms, 0), perSecond: round(rows / (ms / 1_000), 0), perInstance: claimed.map((c) => c.length),
      missed: Number(left.n), doubled: all.length - new Set(all).size,
    };
  } finally {
    for (const db of dbs) await db.destroy();
  }
}
