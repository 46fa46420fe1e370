// The real entry point, as someone would run it: `npm start` (the compiled bot) with a conversation
// piped in. Checks what the person reads on stdout and that logs on stderr never carry a note.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysBefore, tempDir } from '../helpers/core-harness.js';
import { BUILD_TIMEOUT_MS, buildOnce, ROOT, startArgs } from '../helpers/production-start.js';

beforeAll(() => buildOnce(), BUILD_TIMEOUT_MS);
const NOTE = 'Drove past the old place 4Kq9 and kept going';

function berlinDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** Waits out the last seconds before midnight in Berlin, so the date cannot change mid-session. */
async function awayFromBerlinMidnight(): Promise<void> {
  const soon = new Date(Date.now() + 25_000);
  if (berlinDate(soon) !== berlinDate(new Date())) await new Promise((r) => setTimeout(r, 26_000));
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function runBot(input: string, env: Record<string, string>, timeoutMs: number): Promise<Run> {
  return new Promise((done, fail) => {
    const started = Date.now();
    const child = spawn(process.execPath, startArgs(), { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr, ms: Date.now() - started });
    });
    child.stdin.end(input);
  });
}

describe('a piped console session through npm start (dist/adapters/main.js)', () => {
  let dir: string;
  let run: Run;
  let sobrietyDate: string;

  beforeAll(async () => {
    await awayFromBerlinMidnight();
    dir = tempDir('steadfast-console-');
    sobrietyDate = daysBefore(berlinDate(new Date()), 10);
    const script = [
      '/start',
      '1',
      'Europe/Berlin',
      `/sobriety ${sobrietyDate}`,
      `/checkin sober mood:4 did:meeting note:${NOTE}`,
      '/progress',
      '/as sam',
      '/start',
      '/clock +1d',
    ].join('\n');
    // No platform tokens: only what the console needs, plus the most talkative log level.
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: dir,
      DATABASE_URL: `sqlite:${join(dir, 'x.db')}`,
      DATA_DIR: dir,
      LOG_LEVEL: 'trace',
    };
    if (process.env.TMPDIR) env.TMPDIR = process.env.TMPDIR;
    run = await runBot(`${script}\n`, env, 20_000);
  }, 60_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('exits 0 at the end of input, within 20 seconds', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.ms).toBeLessThan(20_000);
  });

  it('confirms the role chosen by typing the button number', () => {
    expect(run.stdout).toContain("Thank you. You're set up as in recovery.");
  });

  it('takes a time zone typed as plain text', () => {
    expect(run.stdout).toMatch(/Time zone set to Europe\/Berlin \(it is \d\d:\d\d there now\)/);
  });

  it('counts 10 days from a sobriety date 10 days back', () => {
    expect(run.stdout).toContain(`Your sobriety date is now ${sobrietyDate}: 10 days sober.`);
  });

  it('confirms the check-in without showing the note', () => {
    expect(run.stdout).toMatch(/Checked in for \w{3} \d{1,2} \w{3}: sober · mood 4 · group meeting · private note saved\./);
    const answers = run.stdout.split('\n').filter((l) => !l.includes('> '));
    expect(answers.join('\n')).not.toContain(NOTE);
  });

  it('shows progress as text and saves a PNG picture in the data folder, removed once the session is over', () => {
    expect(run.stdout).toContain(`Sober: 10 days (since ${sobrietyDate})`);
    expect(run.stdout).toContain('Check-in streak: 1 day');
    const saved = /\[picture saved: (.+\.png)\]/.exec(run.stdout);
    expect(saved, run.stdout).not.toBeNull();
    const path = saved![1]!;
    expect(path.startsWith(dir)).toBe(true);
    // Shown, then gone: nothing of the person is left lying in the data folder (test/console/files.test.ts looks inside).
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(join(dir, 'console'))).toEqual([]);
  });

  it('made a data key, said once where it is, and keeps the data folder its owner\'s', () => {
    expect(run.stderr).toContain(`A data key was made for you at ${join(dir, 'steadfast.key')}`);
    expect(run.stderr.match(/A data key was made/g)).toHaveLength(1);
    expect(statSync(join(dir, 'steadfast.key')).mode & 0o777).toBe(0o600);
  });

  it('speaks as a second person, who starts afresh, and moves the clock', () => {
    expect(run.stdout).toContain('(now speaking as sam)');
    const afterSam = run.stdout.slice(run.stdout.indexOf('(now speaking as sam)'));
    expect(afterSam).toContain('sam> /start');
    expect(afterSam).toContain('First, which of these fits you?');
    expect(afterSam).toMatch(/\(clock: \d{4}-\d\d-\d\dT/);
  });

  it('never writes the note to the logs', () => {
    expect(run.stderr).not.toContain(NOTE);
    expect(run.stderr).not.toContain('4Kq9');
    // The logs are there (trace level), so this is not vacuous.
    expect(run.stderr).toContain('"event":"command"');
  });
});

describe('the first screen of the console, with no log level asked for', () => {
  it('shows notices as sentences, never raw JSON log lines', async () => {
    const dir = tempDir('steadfast-first-screen-');
    try {
      const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, DATA_DIR: dir };
      if (process.env.TMPDIR) env.TMPDIR = process.env.TMPDIR;
      const run = await runBot('/quit\n', env, 20_000);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout.split('\n')[0]).toBe('Steadfast console. Type /start to begin, /help for commands.');
      const notices = run.stderr.split('\n').filter((l) => l !== '');
      expect(notices.length).toBeGreaterThan(0); // a data key was made, so there is something to say
      expect(notices[0]).toMatch(/^Note: A data key was made for you at .*steadfast\.key\. .*back it up together with the database/);
      for (const l of notices) expect(l).toMatch(/^(Note|Problem): [A-Z].*\.$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
