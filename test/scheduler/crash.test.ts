// Crash test with a real SQLite file and SIGKILL: a thousand people are due for their
// prompt; the bot (test/helpers/crash-worker.ts, a separate process) is killed at random
// points while it ticks and sends, restarted, killed again, and finally left to finish.
// Everyone gets their prompt, nobody more than twice, and only a message that was in
// flight at a kill may arrive twice.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimeZone } from '../../src/domain/local-date.js';
import { reschedule } from '../../src/services/schedule.js';
import type { Db } from '../../src/store/database.js';
import { outboxCounts } from '../../src/store/outbox.js';
import { createTestBot, seededRandom } from '../helpers/core-harness.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const WORKER = join(ROOT, 'test/helpers/crash-worker.ts');
const PEOPLE = 1_000;
const SEEDED_AT = new Date('2026-03-10T12:00:00Z');
/** Everyone's prompt is at 20:00 UTC; each life of the bot starts a minute after the last. */
const DUE = Date.parse('2026-03-10T20:00:00Z');

interface Received {
  key: string;
  chat: string;
}

/** The platform: records each POST as it arrives, answers after a short random delay so kills land mid-send. */
class RecordingServer {
  readonly received: Received[] = [];
  readonly perKey = new Map<string, number>();
  private server: Server | null = null;
  private waiters: { done: () => boolean; resolve: () => void }[] = [];
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('error', () => {});
      res.on('error', () => {});
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Received;
        this.received.push({ key: body.key, chat: body.chat });
        this.perKey.set(body.key, (this.perKey.get(body.key) ?? 0) + 1);
        this.waiters = this.waiters.filter((w) => (w.done() ? (w.resolve(), false) : true));
        setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'), Math.random() * 8);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/send`;
  }

  /** Resolves once what has arrived satisfies `done`. */
  until(done: () => boolean): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ done, resolve }));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

interface Life {
  child: ChildProcess;
  /** SIGKILL to the worker's whole process group. */
  kill(): void;
  lines: Record<string, unknown>[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stage(name: string): Promise<void>;
}

function startWorker(file: string, url: string, now: Date): Life {
  // tsx runs the script in a child node process: the worker gets its own process group so
  // SIGKILL reaches the process that does the work, not only the tsx launcher.
  const child = spawn(TSX, [WORKER, file, url, now.toISOString()], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const lines: Record<string, unknown>[] = [];
  const stageWaiters: { name: string; resolve: () => void }[] = [];
  let buffered = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => {
    buffered += d.toString('utf8');
    for (let i = buffered.indexOf('\n'); i >= 0; i = buffered.indexOf('\n')) {
      const line = JSON.parse(buffered.slice(0, i)) as Record<string, unknown>;
      buffered = buffered.slice(i + 1);
      lines.push(line);
      for (const w of stageWaiters.filter((x) => x.name === line.stage)) w.resolve();
    }
  });
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString('utf8'); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      if (code !== 0 && signal === null) process.stderr.write(`crash-worker failed (${code}):\n${stderr}\n`);
      resolve({ code, signal });
    });
  });
  const life: Life = {
    child, lines, exited,
    kill: () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    },
    stage: (name) => (lines.some((l) => l.stage === name)
      ? Promise.resolve()
      : new Promise<void>((resolve) => stageWaiters.push({ name, resolve }))),
  };
  running.add(life);
  void exited.then(() => running.delete(life));
  return life;
}

const server = new RecordingServer();
/** Workers still running (a failed test must not leave any behind). */
const running = new Set<Life>();
beforeAll(() => server.start());
afterAll(async () => {
  for (const w of running) w.kill();
  await Promise.all([...running].map((w) => w.exited));
  await server.stop();
});

describe('SIGKILL while a thousand prompts are due', () => {
  it('everyone gets their prompt, nobody more than twice, and only in-flight messages twice', async () => {
    const seed = Date.now() % 100_000;
    const random = seededRandom(seed);
    const bot = await createTestBot({ at: SEEDED_AT });
    const file = bot.file!;
    try {
      // A thousand people, inserted directly and scheduled by the real reschedule().
      await bot.db.transaction().execute(async (trx) => {
        const at = SEEDED_AT.toISOString();
        for (let i = 0; i < PEOPLE; i += 100) {
          const batch = Array.from({ length: Math.min(100, PEOPLE - i) }, (_, j) => `p${String(i + j).padStart(4, '0')}`);
          await trx.insertInto('people').values(batch.map((id) => ({
            id, role: 'partner', timezone: 'UTC' as TimeZone, prompt_time: '20:00', prompt_days: '1234567',
            quiet_start: null, quiet_end: null, paused_until: null, awaiting: null, joined_on: '2026-03-10', created_at: at,
          }))).execute();
          await trx.insertInto('accounts').values(batch.map((id) => ({
            id: `test:${id}`, person_id: id, platform: 'test', display_name: id, created_at: at, last_seen_at: at,
          }))).execute();
          for (const id of batch) await reschedule({ db: trx, config: bot.config }, id, SEEDED_AT);
        }
      });
      const due = await bot.db.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n'))
        .where('next_prompt_at', '=', new Date(DUE).toISOString()).executeTakeFirstOrThrow();
      expect(Number(due.n)).toBe(PEOPLE);

      const kills = 3 + Math.floor(random() * 3); // 3 to 5
      const inFlightAtKills: number[] = [];
      /** Messages a kill left mid-send that the next life will send again. */
      let resend: string[] = [];
      const started = performance.now();
      let life = 0;
      const now = () => new Date(DUE + life * 60_000);
      let killed = 0;
      for (; killed < kills; life += 1) {
        const before = new Map(resend.map((k) => [k, server.perKey.get(k) ?? 0]));
        const w = startWorker(file, server.url, now());
        // The first kill lands somewhere in the tick or the first sends. Later ones land
        // mid-send, a few messages after this life has resent what the last kill interrupted
        // (a message interrupted twice is given up as "failed", by design).
        const killPoint = life === 0
          ? w.stage('recovered').then(() => new Promise((r) => setTimeout(r, 50 + random() * 600)))
          : w.stage('ticked')
            .then(() => server.until(() => [...before].every(([k, n]) => (server.perKey.get(k) ?? 0) > n)))
            .then(() => {
              const n = server.received.length + 5 + Math.floor(random() * 120);
              return server.until(() => server.received.length >= n);
            });
        const finished = await Promise.race([killPoint.then(() => false), w.exited.then(() => true)]);
        if (finished) {
          expect((await w.exited).code, 'a life of the worker failed').toBe(0);
          break; // it sent everything before the kill point: nothing left to interrupt
        }
        w.kill();
        expect((await w.exited).signal).toBe('SIGKILL');
        killed += 1;
        const sending = await bot.db.selectFrom('outbox').select(['idem_key', 'last_error']).where('status', '=', 'sending').execute();
        inFlightAtKills.push(sending.length);
        resend = sending.filter((r) => r.last_error !== 'interrupted').map((r) => r.idem_key);
      }
      const last = startWorker(file, server.url, now());
      expect((await last.exited).code).toBe(0);
      expect(killed).toBeGreaterThanOrEqual(3);

      const counts = await outboxCounts(bot.db);
      const twice = [...server.perKey.values()].filter((n) => n === 2).length;
      const prompts = [...server.perKey.keys()].filter((k) => k.startsWith('prompt:'));
      console.log(`crash test (seed ${seed}): ${killed} SIGKILLs, ${server.received.length} sends for ${PEOPLE} prompts, `
        + `${twice} delivered twice, in flight at each kill: ${JSON.stringify(inFlightAtKills)}, `
        + `outbox ${JSON.stringify(counts)}, ${Math.round(performance.now() - started)} ms`);

      expect(prompts).toHaveLength(PEOPLE);
      expect(new Set(server.received.map((r) => r.chat)).size).toBe(PEOPLE);
      expect(Math.max(...server.perKey.values())).toBeLessThanOrEqual(2);
      expect(counts.queued + counts.sending).toBe(0);
      expect(counts.sent + counts.failed).toBe(PEOPLE);
      // Only what was in flight at a kill can arrive twice.
      expect(twice).toBeLessThanOrEqual(inFlightAtKills.reduce((a, b) => a + b, 0));
      expect(twice).toBeLessThanOrEqual(await claimedMoreThanOnce(bot.db));
    } finally {
      await bot.close();
    }
  }, 90_000);
});

/** Outbox rows claimed for sending more than once (recovery put them back after a kill). */
async function claimedMoreThanOnce(db: Db): Promise<number> {
  const rows = await db.selectFrom('outbox').select('attempts').where('attempts', '>', 1).execute();
  return rows.length;
}
