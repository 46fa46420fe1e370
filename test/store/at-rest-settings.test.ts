// Data at rest, its files and its settings: the SQLite file, its write-ahead log and
// shared-memory file, the folder they live in and the key file are their owner's alone,
// whatever the umask (here the most permissive one); files an older version left readable by
// others are tightened; and the retention settings read as documented.
import { chmodSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { loadDataKey, prepareDataDir } from '../../src/data-key.js';
import { openDatabase } from '../../src/store/database.js';
import { tempDir } from '../helpers/core-harness.js';

const mode = (path: string) => statSync(path).mode & 0o777;
let dir: string;
let umask: number;

beforeEach(() => {
  dir = tempDir('steadfast-modes-');
  umask = process.umask(0);
});
afterEach(() => {
  process.umask(umask);
  rmSync(dir, { recursive: true, force: true });
});

it('keeps the database, its -wal and -shm, and a folder it makes, at 0600 and 0700 while open', async () => {
  const file = join(dir, 'made-here', 'steadfast.db');
  const db = await openDatabase({ kind: 'sqlite', file });
  try {
    await db.insertInto('processed_events').values({ key: 'k', processed_at: '2026-03-10T12:00:00.000Z' }).execute();
    expect(mode(join(dir, 'made-here'))).toBe(0o700);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) {
      expect(existsSync(f), f).toBe(true);
      expect(mode(f), f).toBe(0o600);
    }
  } finally {
    await db.destroy();
  }
});

it('tightens a database file an older version left readable by everyone', async () => {
  const file = join(dir, 'old.db');
  writeFileSync(file, '');
  chmodSync(file, 0o644);
  const db = await openDatabase({ kind: 'sqlite', file });
  await db.destroy();
  expect(mode(file)).toBe(0o600);
});

it('makes the data folder 0700 and the key file 0600, and tightens a loosened key file', () => {
  const data = join(dir, 'data');
  mkdirSync(data, { mode: 0o755 });
  prepareDataDir(data);
  expect(mode(data)).toBe(0o700);
  const made = loadDataKey({ dataKey: null, dataDir: data, storage: { kind: 'sqlite', file: join(data, 'x.db') } }, { create: true });
  expect(made.source).toBe('generated');
  expect(mode(made.file!)).toBe(0o600);
  chmodSync(made.file!, 0o644);
  const again = loadDataKey({ dataKey: null, dataDir: data, storage: { kind: 'sqlite', file: join(data, 'x.db') } }, { create: false });
  expect(again).toEqual({ key: made.key, source: 'file', file: made.file });
  expect(mode(made.file!)).toBe(0o600);
});

it('reads the retention settings, 7 and 30 days by default, and names a wrong one in one line', async () => {
  const { ConfigError, loadConfig } = await import('../../src/config.js');
  expect(loadConfig({}).retention).toEqual({ undeliveredDays: 7, rowDays: 30 });
  expect(loadConfig({ MESSAGE_RETENTION_DAYS: '3', MESSAGE_HISTORY_DAYS: '10' }).retention).toEqual({ undeliveredDays: 3, rowDays: 10 });
  expect(() => loadConfig({ MESSAGE_RETENTION_DAYS: 'soon' })).toThrow(/^MESSAGE_RETENTION_DAYS: expected a whole number of days/);
  expect(() => loadConfig({ MESSAGE_RETENTION_DAYS: '10', MESSAGE_HISTORY_DAYS: '5' })).toThrow(ConfigError);
  expect(() => loadConfig({ MESSAGE_RETENTION_DAYS: '10', MESSAGE_HISTORY_DAYS: '5' })).toThrow(/^MESSAGE_HISTORY_DAYS: expected at least MESSAGE_RETENTION_DAYS/);
});
