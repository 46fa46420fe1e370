// A real core for tests: real parser, services and storage (a SQLite file, in-memory SQLite
// or PostgreSQL), a settable clock and a seeded random, so a test reads like the
// conversation a person would have. createTestCore is the one place a test (or the bench,
// or a worker process) builds a core; createTestBot adds the conversation on top, and the
// platform stacks (Telegram, Discord, the relationship world) build on these.
import { seededRandom } from './seeded-random.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SettableClock } from '../../src/clock.js';
import { loadConfig, type Config, type StorageTarget } from '../../src/config.js';
import { createCore, type Core } from '../../src/core.js';
import { CommandRateLimit } from '../../src/services/command-pace.js';
import { silentLog, type Log } from '../../src/log.js';
import type { ChatRef } from '../../src/ports/inbound.js';
import type { PersonFiles } from '../../src/ports/person-files.js';
import type { PlatformPort } from '../../src/ports/platform.js';
import type { Reply } from '../../src/ports/reply.js';
import { openDatabase, type Db } from '../../src/store/database.js';
import { createTextSeal, type TextSeal } from '../../src/store/sealed-text.js';
import { InProcessPlatform } from './in-process-platform.js';

/** Where the test's data lives: a SQLite file in a fresh temp dir (default), in-memory SQLite, or a given target. */
export type TestStorage = 'sqlite-file' | 'sqlite-memory' | StorageTarget;

/** The instant a test clock starts at unless told otherwise. */
export const TEST_START = '2026-03-10T12:00:00Z';

export interface TestCoreOptions {
  storage?: TestStorage;
  /** The instant the clock starts at (and stands still at until moved). */
  at?: Date | string;
  /** A clock of the caller's own (one that runs with real time: `runningClock`); `at` is then unused. */
  clock?: SettableClock;
  /** 32-byte data key; null (default) stores free text unencrypted. */
  dataKey?: Buffer | null;
  /** Seed for the injected random, so encouragement choices are reproducible. */
  seed?: number;
  /** Extra environment for loadConfig (CRISIS_TEXT, DEFAULT_TIMEZONE, …). */
  env?: Record<string, string>;
  /** Platform send ports for the core's outbox dispatcher (none by default); in-process ones get this core's clock. */
  ports?: readonly PlatformPort[];
  /** The core's logger (silent by default); tests that scan logs pass their own. */
  log?: Log;
  /** The core's per-account command pacing (unlimited when left out). */
  commandLimit?: CommandRateLimit;
  /** Wraps the database the core uses (the bench counts the core's statements with a plugin); `db` stays the plain one. */
  wrapDb?: (db: Db) => Db;
  /** Files an adapter keeps for people (the console's), erased by /delete. */
  personFiles?: PersonFiles;
}

export interface TestCore {
  core: Core;
  db: Db;
  clock: SettableClock;
  config: Config;
  /** The seal the core stores free text and outbox payloads with. */
  seal: TextSeal;
  /** The SQLite file, when storage is a file. */
  file: string | null;
  /** A temp dir owned by this core, holding its SQLite file (null when the storage lives elsewhere). */
  dir: string | null;
  /** Closes the database, and removes the temp dir unless asked to keep it. */
  close(opts?: { keepFiles?: boolean }): Promise<void>;
}

export function tempDir(prefix = 'steadfast-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A clock that reads `at` now and then moves on with real time (for stacks with real timers). */
export function runningClock(at: Date | string = TEST_START): SettableClock {
  const clock = new SettableClock();
  clock.advance(new Date(at).getTime() - Date.now());
  return clock;
}

function databaseUrl(storage: TestStorage, dir: string | null): string {
  if (storage === 'sqlite-file') return `sqlite:${join(dir!, 'steadfast.db')}`;
  if (storage === 'sqlite-memory') return 'sqlite::memory:';
  if (storage.kind === 'sqlite') return `sqlite:${storage.file}`;
  if (storage.kind === 'sqlite-memory') return 'sqlite::memory:';
  return storage.url;
}

/** A real core on the storage asked for, with a settable clock and a seeded random. */
export async function createTestCore(opts: TestCoreOptions = {}): Promise<TestCore> {
  const storage = opts.storage ?? 'sqlite-file';
  const dir = storage === 'sqlite-file' ? tempDir() : null;
  const env: Record<string, string> = { DATABASE_URL: databaseUrl(storage, dir), ...(dir ? { DATA_DIR: dir } : {}), ...opts.env };
  if (opts.dataKey) env.STEADFAST_DATA_KEY = opts.dataKey.toString('base64');
  const config = loadConfig(env);
  const db = await openDatabase(config.storage);
  const clock = opts.clock ?? new SettableClock(new Date(opts.at ?? TEST_START));
  const seal = createTextSeal(config.dataKey);
  const ports = opts.ports ?? [];
  for (const p of ports) if (p instanceof InProcessPlatform) p.clock = clock;
  const core = createCore({
    db: opts.wrapDb ? opts.wrapDb(db) : db, clock, config, log: opts.log ?? silentLog, seal, random: seededRandom(opts.seed ?? 42),
    ports, commandLimit: opts.commandLimit ?? new CommandRateLimit(Number.MAX_SAFE_INTEGER, 1), personFiles: opts.personFiles,
  });
  return {
    core, db, clock, config, seal, dir,
    file: config.storage.kind === 'sqlite' ? config.storage.file : null,
    async close(o = {}) {
      await db.destroy();
      if (dir && !o.keepFiles) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type TestBotOptions = TestCoreOptions;

export interface SendOptions {
  chat?: ChatRef;
  idempotencyKey?: string;
}

/** A test core and people (accounts `test:<name>`) who talk to it. */
export interface TestBot extends TestCore {
  /** Sends as a person (account `test:<as>`), returns the replies. */
  send(as: string, text: string, opts?: SendOptions): Promise<Reply[]>;
  /** Sends as a person and returns the replies' text joined, as the person would read it. */
  say(as: string, text: string, chat?: ChatRef): Promise<string>;
  /** The person's `/export`, parsed, without `exportedAt` (so two exports compare). */
  exported(as: string): Promise<ExportData>;
  /** Chooses a role and a time zone without the guided questions. */
  onboard(as: string, role: 'recovery' | 'partner' | 'supporter', zone?: string): Promise<void>;
  /** Moves the clock forward. */
  advance(ms: number): void;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- export rows are checked field by field in tests.
export type ExportData = Record<string, any>;

export const DAY_MS = 86_400_000;

export function accountOf(as: string): string {
  return `test:${as}`;
}

export function dmOf(as: string): ChatRef {
  return { id: `test:dm:${as}`, kind: 'dm' };
}

export async function createTestBot(opts: TestBotOptions = {}): Promise<TestBot> {
  const base = await createTestCore(opts);
  const { core, clock } = base;

  const send = (as: string, text: string, o: SendOptions = {}) => core.handle({
    account: accountOf(as), displayName: as, chat: o.chat ?? dmOf(as), text, idempotencyKey: o.idempotencyKey,
  });

  return {
    ...base,
    send,
    async say(as, text, chat) {
      const replies = await send(as, text, { chat });
      return replies.map((r) => r.text).join('\n\n');
    },
    async exported(as) {
      return exportOf(await send(as, '/export'));
    },
    async onboard(as, role, zone) {
      await send(as, `/role ${role}`);
      // The first /role asks for a time zone; answering it clears that question.
      await send(as, `/timezone ${zone ?? 'UTC'}`);
    },
    advance(ms) {
      clock.advance(ms);
    },
  };
}

/** The file an `/export` answered with, parsed, without `exportedAt` (so two exports compare). */
export function exportOf(replies: readonly Reply[]): ExportData {
  const file = replies.find((r) => r.attachment?.kind === 'file')?.attachment;
  if (!file) throw new Error(`/export gave no file: ${replies.map((r) => r.text).join(' | ')}`);
  const data = JSON.parse(new TextDecoder().decode(file.data)) as ExportData;
  delete data.exportedAt;
  return data;
}

/** The local calendar date `days` before `date` (YYYY-MM-DD), by plain UTC arithmetic. */
export function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);
}

export { seededRandom };
