import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fchmodSync, fsyncSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, type Config } from './config.js';

/*
 * Encrypted by default: a running Steadfast always has a data key. An explicit
 * STEADFAST_DATA_KEY wins; otherwise, with SQLite, the key lives in a file in the data folder,
 * made at the first start. With PostgreSQL the key must be configured: the database may be run
 * by someone else, and every instance needs the same key.
 */

export const KEY_FILE = 'steadfast.key';

export interface DataKey {
  key: Buffer;
  /** Where it came from: the environment, the key file, or made just now (say so once). */
  source: 'environment' | 'file' | 'generated';
  /** The key file, when the key lives in one. */
  file: string | null;
}

/** The data folder, readable by its owner only whatever the umask: it holds the key, the database and people's files. */
export function prepareDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/**
 * The key to seal with. `create`: make the key file when there is none (a start); without it
 * (`npm run rekey`) a missing key is an error, since a new key could open nothing.
 */
export function loadDataKey(config: Pick<Config, 'dataKey' | 'dataDir' | 'storage'>, opts: { create: boolean }): DataKey {
  if (config.dataKey) return { key: config.dataKey, source: 'environment', file: null };
  if (config.storage.kind === 'postgres') {
    throw new ConfigError('STEADFAST_DATA_KEY: required with PostgreSQL (the database may be run by someone else, and every instance needs the same key); make one with: openssl rand -base64 32');
  }
  const file = join(config.dataDir, KEY_FILE);
  if (existsSync(file)) return { key: readKeyFile(file), source: 'file', file };
  if (!opts.create) throw new ConfigError(`STEADFAST_DATA_KEY: not set, and there is no key file at ${file}`);
  prepareDataDir(config.dataDir);
  const key = randomBytes(32);
  // 'wx': never overwrite a key another process made a moment ago; the mode is set again past the umask.
  const fd = openSync(file, 'wx', 0o600);
  try {
    fchmodSync(fd, 0o600);
    writeSync(fd, `${key.toString('base64')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return { key, source: 'generated', file };
}

function readKeyFile(file: string): Buffer {
  // Tightened if someone loosened it: the key opens everything.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new ConfigError(`STEADFAST_DATA_KEY: the key file ${file} does not hold a 32-byte base64 key`);
  return key;
}

/** Said once, when a key was made: where it is, and that it must be backed up with the database. */
export function newKeySentence(file: string): string {
  return `A data key was made for you at ${file}. Everything Steadfast stores is encrypted with it: back it up together with the database, and keep it private. Without it, the data cannot be read.`;
}
