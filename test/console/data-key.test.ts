// Encrypted by default, as a new admin would meet it: the first `npm start` makes a data key in
// the data folder and says so once; the next start uses it; a key that is not the database's,
// or PostgreSQL without a configured key, stops the start with one line. Everything is started
// under umask 000, so the modes seen are the ones Steadfast set.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/core-harness.js';
import { BUILD_TIMEOUT_MS, buildOnce, ROOT, startArgs } from '../helpers/production-start.js';

beforeAll(() => buildOnce(), BUILD_TIMEOUT_MS);

interface Run { code: number | null; stdout: string; stderr: string }

/** `npm start` (the compiled bot, dist/adapters/main.js) with a permissive umask and a piped conversation. */
function start(input: string, env: Record<string, string>): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn('sh', ['-c', `umask 000 && exec "${process.execPath}" ${startArgs().join(' ')}`], {
      cwd: ROOT, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    child.on('error', fail);
    child.on('close', (code) => { clearTimeout(timer); done({ code, stdout, stderr }); });
    child.stdin.end(input);
  });
}

const mode = (path: string) => statSync(path).mode & 0o777;

describe('a fresh start without STEADFAST_DATA_KEY', () => {
  let dir: string;
  let data: string;
  let env: Record<string, string>;
  let first: Run;
  let second: Run;

  beforeAll(async () => {
    dir = tempDir('steadfast-key-');
    data = join(dir, 'data'); // not there yet: Steadfast makes it
    env = { HOME: dir, DATA_DIR: data, DATABASE_URL: `sqlite:${join(data, 'steadfast.db')}` };
    first = await start(['/start', '1', 'UTC', '/goal add PLANTED-GOAL-wren-3391', '/progress', '/export'].join('\n'), env);
    second = await start('/goals\n', env);
  }, 60_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('makes a key file readable by its owner only, and says once where it is and to back it up', () => {
    expect(first.code, first.stderr).toBe(0);
    const key = join(data, 'steadfast.key');
    expect(mode(key)).toBe(0o600);
    expect(Buffer.from(readFileSync(key, 'utf8').trim(), 'base64')).toHaveLength(32);
    // On the console, as a sentence among its notices (a JSON log line on a platform).
    expect(first.stderr).toContain(`Note: A data key was made for you at ${key}`);
    expect(first.stderr).toMatch(/back it up together with the database/);
    expect(second.stderr).not.toContain('A data key was made');
  });

  it('keeps the data folder, the database and its files its owner\'s alone, whatever the umask', () => {
    expect(mode(data)).toBe(0o700);
    for (const f of readdirSync(data).filter((f) => f.startsWith('steadfast.db'))) expect(mode(join(data, f)), f).toBe(0o600);
    expect(mode(join(data, 'console'))).toBe(0o700);
    // The picture and the export were shown, then removed.
    expect(first.stdout).toMatch(/\[picture saved: .+\.png\]/);
    expect(first.stdout).toMatch(/\[file saved: .+\.json\]/);
    expect(readdirSync(join(data, 'console'))).toEqual([]);
  });

  it('seals with that key, and the next start opens with it', () => {
    expect(readFileSync(join(data, 'steadfast.db')).toString('latin1')).not.toContain('PLANTED-GOAL');
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('PLANTED-GOAL-wren-3391');
  });

  it('an explicit STEADFAST_DATA_KEY that is not this database\'s stops the start with one line', async () => {
    const wrong = await start('/goals\n', { ...env, STEADFAST_DATA_KEY: randomBytes(32).toString('base64') });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Steadfast cannot start: STEADFAST_DATA_KEY .*not the key this database was encrypted with/)]);
    expect(wrong.stdout).not.toContain('PLANTED');
  });
});

describe('PostgreSQL without a configured key', () => {
  it('refuses to start, with one clear line, and makes no key file', async () => {
    const dir = tempDir('steadfast-pgkey-');
    try {
      const run = await start('', { HOME: dir, DATA_DIR: join(dir, 'data'), DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
      expect(run.code).toBe(1);
      expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Steadfast cannot start: STEADFAST_DATA_KEY: required with PostgreSQL/)]);
      expect(existsSync(join(dir, 'data', 'steadfast.key'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
