// Shared pieces of the reliability suite: child processes that can be SIGKILLed, a
// recording platform reached over HTTP on 127.0.0.1, PostgreSQL schemas of our own, and
// people seeded straight into the tables and scheduled by the real reschedule().
import { seededRandom } from '../helpers/seeded-random.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Config } from '../../src/config.js';
import type { TimeZone } from '../../src/domain/local-date.js';
import { reschedule } from '../../src/services/schedule.js';
import type { Db } from '../../src/store/database.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

// ---- child processes ----------------------------------------------------------------------

export interface ChildRun {
  child: ChildProcess;
  /** Parsed JSON lines the child printed on stdout. */
  lines: Record<string, unknown>[];
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves when the child printed a line with this `stage`. */
  stage(name: string): Promise<Record<string, unknown>>;
  kill(): void;
}

/**
 * Runs a TypeScript file in a child node process. `node --import tsx script.ts` is one
 * process, so SIGKILL reaches the process doing the work (the tsx binary would leave a
 * grandchild running).
 */
export function runTs(script: string, env: Record<string, string>): ChildRun {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  const waiters: { name: string; resolve: (l: Record<string, unknown>) => void }[] = [];
  let buffered = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => {
    buffered += d.toString('utf8');
    for (let i = buffered.indexOf('\n'); i >= 0; i = buffered.indexOf('\n')) {
      const text = buffered.slice(0, i);
      buffered = buffered.slice(i + 1);
      let line: Record<string, unknown>;
      try {
        line = JSON.parse(text) as Record<string, unknown>;
      } catch {
        continue;
      }
      lines.push(line);
      for (const w of waiters.filter((x) => x.name === line.stage)) w.resolve(line);
    }
  });
  child.stderr!.on('data', (d: Buffer) => { err += d.toString('utf8'); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  return {
    child, lines, exited,
    stderr: () => err,
    stage: (name) => {
      const seen = lines.find((l) => l.stage === name);
      return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ name, resolve }));
    },
    kill: () => { child.kill('SIGKILL'); },
  };
}

/** Waits for a child's exit and fails with its stderr when it did not exit cleanly. */
export async function expectCleanExit(run: ChildRun, what: string): Promise<void> {
  const { code, signal } = await run.exited;
  if (code !== 0) throw new Error(`${what} exited with ${code ?? signal}:\n${run.stderr().slice(-4000)}`);
}

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what}: no result within ${ms} ms`)), ms);
    p.then((v) => { clearTimeout(t); resolve(v); }, (e: unknown) => { clearTimeout(t); reject(e as Error); });
  });
}

// ---- the platform over HTTP ----------------------------------------------------------------

export interface Received {
  key: string;
  chat: string;
  instance: string;
  /** Milliseconds since the server started. */
  at: number;
}

/**
 * The platform the child instances send to: every POST {key, chat} is recorded as it
 * arrives (so a send that reached the platform counts even if its sender dies before it
 * hears back) and answered 200 after a small random delay.
 */
export class RecordingPlatform {
  readonly received: Received[] = [];
  /** Called for each request as it is recorded, before the answer; may kill its sender. */
  onReceive: ((r: Received) => void) | null = null;
  url = '';
  private server: Server | null = null;
  private readonly started = performance.now();

  constructor(private readonly maxDelayMs = 6) {}

  async start(): Promise<void> {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('error', () => {});
      res.on('error', () => {});
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { key: string; chat: string };
        const r: Received = { key: body.key, chat: body.chat, instance: String(req.headers['x-instance'] ?? '?'), at: performance.now() - this.started };
        this.received.push(r);
        this.onReceive?.(r);
        setTimeout(() => {
          if (!res.destroyed) res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
        }, Math.random() * this.maxDelayMs);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/send`;
  }

  /** How many times each key arrived. */
  counts(): Map<string, number> {
    const m = new Map<string, number>();
    for (const r of this.received) m.set(r.key, (m.get(r.key) ?? 0) + 1);
    return m;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

// ---- PostgreSQL ------------------------------------------------------------------------

export const POSTGRES_URL = process.env.DATABASE_URL ?? '';
export const onPostgres = /^postgres(ql)?:\/\//.test(POSTGRES_URL);



// ---- people ----------------------------------------------------------------------------

export interface SeedPerson {
  id: string;
  role: 'recovery' | 'partner' | 'supporter';
  timezone: string;
  promptTime: string | null;
  joinedOn: string;
}

/**
 * People inserted straight into `people` and `accounts` (account `test:<id>`), each then
 * scheduled by the real reschedule() at `at`, in transactions of `chunk` people.
 */
export async function seedPeople(db: Db, config: Config, people: readonly SeedPerson[], at: Date, chunk = 250): Promise<void> {
  const iso = at.toISOString();
  for (let i = 0; i < people.length; i += chunk) {
    const batch = people.slice(i, i + chunk);
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('people').values(batch.map((p) => ({
        id: p.id, role: p.role, timezone: p.timezone as TimeZone, prompt_time: p.promptTime, prompt_days: '1234567',
        quiet_start: null, quiet_end: null, paused_until: null, awaiting: null, joined_on: p.joinedOn, created_at: iso,
      }))).execute();
      await trx.insertInto('accounts').values(batch.map((p) => ({
        id: `test:${p.id}`, person_id: p.id, platform: 'test', display_name: p.id, created_at: iso, last_seen_at: iso,
      }))).execute();
      for (const p of batch) await reschedule({ db: trx, config }, p.id, at);
    });
  }
}


export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export { seededRandom };
