import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegram } from './helpers/fake-telegram.js';
import { BUILD_TIMEOUT_MS, buildOnce, ROOT, startArgs } from './helpers/production-start.js';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function until<T>(probe: () => T | undefined | Promise<T | undefined>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('npm start with a Telegram token (the real entry point)', () => {
  beforeAll(() => buildOnce(), BUILD_TIMEOUT_MS);
  let child: ChildProcess | null = null;
  let fake: FakeTelegram | null = null;
  afterEach(async () => {
    child?.kill('SIGKILL');
    await fake?.close();
  });

  it('starts Telegram instead of the console, answers a person, serves /healthz, and stops cleanly on SIGTERM', async () => {
    fake = await FakeTelegram.start();
    const dir = mkdtempSync(join(tmpdir(), 'steadfast-main-'));
    const healthPort = await freePort();
    let stderr = '';
    // The compiled bot, as npm start runs it.
    child = spawn(process.execPath, startArgs(), {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH, DATABASE_URL: `sqlite:${join(dir, 'bot.db')}`, DATA_DIR: dir, LOG_LEVEL: 'info',
        TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, HEALTH_PORT: String(healthPort),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout!.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });

    const ana = fake.user('Ana');
    fake.say(ana, '/start');
    const welcome = await until(() => fake!.messagesTo(ana).find((m) => m.text.includes('Welcome to Steadfast')), 30_000);
    expect(welcome.buttons.flat().map((b) => b.text)).toContain("I'm in recovery");
    expect(stdout).not.toContain('Steadfast console'); // the console did not start

    const health = await until(async () => {
      try {
        const r = await fetch(`http://127.0.0.1:${healthPort}/healthz`);
        return { status: r.status, body: await r.json() as Record<string, unknown> };
      } catch { return undefined; }
    }, 15_000);
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ ok: true, database: 'up', platforms: { telegram: 'up' } });

    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).not.toContain(fake.token); // no token in the logs
    expect(stderr).toContain('"event":"started"');
  }, 60_000);
});
