// The console as a newcomer tries it: the README's own script, run again on the same data;
// a simulated week over several runs; buttons that reach someone while another person speaks.
// Each run is the console bot itself (adapters/console/start.ts) on one data folder, in process.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runConsoleBot } from '../../adapters/console/start.js';
import { loadConfig } from '../../src/config.js';
import { silentLog } from '../../src/log.js';
import { openDatabase } from '../../src/store/database.js';
import { daysBefore, runningClock, tempDir } from '../helpers/core-harness.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
/** Noon in Berlin, far from midnight, so no date changes while a run goes on. */
const AT = '2026-03-10T11:00:00Z';
const TODAY = '2026-03-10';

/** The piped example the README gives, as the lines it pipes in. */
function readmeScript(): string[] {
  const m = /printf '([^']*)' \| npm start/.exec(readme);
  if (!m) throw new Error('the README has no piped example');
  return m[1]!.split('\\n').filter((l) => l !== '');
}

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

function dataFolder(): string {
  const d = tempDir('steadfast-tryout-');
  dirs.push(d);
  return d;
}

/** One run of the console bot on `dir` with these lines piped in; what it printed. `at`: the real time it starts at (a test's). */
async function run(dir: string, lines: readonly string[], at = AT): Promise<string> {
  const config = loadConfig({ DATA_DIR: dir });
  const db = await openDatabase(config.storage);
  const output = new PassThrough();
  let printed = '';
  output.on('data', (d: Buffer) => { printed += d.toString(); });
  try {
    await runConsoleBot({ config, log: silentLog, db, input: Readable.from(lines.map((l) => `${l}\n`)), output, interactive: false, clock: runningClock(at) });
  } finally {
    await db.destroy();
  }
  return printed;
}

/** What was printed after the line typed as `typed` (up to the next typed line). */
function answerTo(printed: string, typed: string): string {
  const from = printed.indexOf(`> ${typed}\n`);
  if (from < 0) throw new Error(`"${typed}" was not typed:\n${printed}`);
  const rest = printed.slice(from + typed.length + 3);
  const next = rest.search(/^[\w.-]+> /m);
  return next < 0 ? rest : rest.slice(0, next);
}

describe('the README’s piped example', () => {
  it('run a second time on the same data says what is true, and takes the time zone line again', async () => {
    const dir = dataFolder();
    const script = readmeScript();
    expect(script).toEqual(['/start', '1', 'Europe/Berlin', '/progress']);
    const first = await run(dir, script);
    expect(first).toContain('Your sobriety counter starts today');
    expect(first).toContain('Time zone set to Europe/Berlin');

    const date = daysBefore(TODAY, 29);
    expect(await run(dir, [`/sobriety ${date}`])).toContain(`Your sobriety date is now ${date}: 29 days sober.`);

    const second = await run(dir, script);
    expect(answerTo(second, '/start')).toContain('You are set up as in recovery');
    const role = answerTo(second, '1');
    expect(role).not.toContain('starts today');
    expect(role).toContain(`Your sobriety counter stands at 29 days (since ${date})`);
    expect(role).toContain('Your time zone is Europe/Berlin. Keep it, or pick or send another:');
    expect(answerTo(second, 'Europe/Berlin')).toContain('Time zone set to Europe/Berlin');
    expect(second).not.toContain('I understand commands that start with a slash');
    expect(answerTo(second, '/progress')).toContain(`Sober: 29 days (since ${date})`);
  });
});

describe('the simulated clock', () => {
  it('is kept with the data: the next run continues in simulated time, and /clock now goes back to real time', async () => {
    const dir = dataFolder();
    const first = await run(dir, ['/role recovery', 'Europe/Berlin', '/clock +2d', '/checkin sober mood:4']);
    expect(first).toContain('Checked in for Thu 12 Mar: sober · mood 4');

    // Started again a minute later in real time: two simulated days ahead still.
    const second = await run(dir, ['/progress', '/checkin sober mood:5', '/clock now', '/progress'], '2026-03-10T11:01:00Z');
    expect(second).toMatch(/It is 2026-03-12T11:0\d.* Simulated time, kept from the last run: 2d ahead of real time/);
    const before = answerTo(second, '/progress');
    expect(before).toContain('Check-in streak: 1 day');
    expect(before).toContain('checked in on 1 (33%)');
    // The same simulated day: the second check-in updates the first.
    expect(answerTo(second, '/checkin sober mood:5')).toContain('Updated your check-in for Thu 12 Mar');
    expect(answerTo(second, '/clock now')).toMatch(/\(clock: 2026-03-10T11:0\d:\d\d\.\d+Z, real time\)/);

    const third = await run(dir, ['/help'], '2026-03-10T11:02:00Z');
    expect(third).toMatch(/It is 2026-03-10T11:02:\d\d\.\d+Z \(me\)\.\n/);
  });
});

describe('buttons in the console', () => {
  it('survive /as: each person presses their own by number, and they show labels, not ids', async () => {
    const dir = dataFolder();
    const printed = await run(dir, [
      '/role recovery', 'Europe/Berlin', '/role',
      '/as sam',
      '/role partner', 'Europe/Berlin',
      '/clock 2026-03-10T19:05:00Z',
      '/as me',
      '4',
    ]);
    // me was shown three role buttons; the prompt reached me while sam was speaking and its button
    // is me's number 4, still pressable after /as me.
    const clock = answerTo(printed, '/clock 2026-03-10T19:05:00Z');
    expect(clock).toContain('(a message from the bot to me)');
    expect(clock).toContain('[4] Check in now');
    expect(clock).toContain('(for me: /as me, then type a number to press one)');
    expect(answerTo(printed, '/as me')).toBe('(now speaking as me; buttons waiting for me: 1 to 4)\n');
    expect(answerTo(printed, '4')).toContain('Did you stay sober');
    // Numbered per person: sam's zone buttons start at 1 too. No button shows its command or an id.
    expect(answerTo(printed, '/role partner')).toContain('[1] America/Los_Angeles');
    const buttonLines = printed.split('\n').filter((l) => /^\s+\[\d+\] /.test(l));
    expect(buttonLines.length).toBeGreaterThan(10);
    for (const l of buttonLines) expect(l, l).not.toMatch(/(^|\s)\/[a-z]|[0-9a-f]{8}-[0-9a-f]{4}/);
  });

  it('stay pressable after an answer without buttons, as in a chat app', async () => {
    const dir = dataFolder();
    const printed = await run(dir, ['/role recovery', 'Europe/Berlin', '/invite partner']);
    const code = /\/accept ([0-9A-Z]{5}-[0-9A-Z]{5})/.exec(printed)![1]!;
    const jo = await run(dir, ['/as jo', `/accept ${code}`, '2', '6']);
    // 1-4: what jo receives; 5-7: jo's own role. Choosing what to receive leaves the role question open.
    expect(answerTo(jo, '2')).toContain('You will receive: sobriety yes/no.');
    expect(answerTo(jo, '6')).toContain("You're set up as a partner healing from betrayal.");
  });

  it('a number with no such button says so and sends nothing', async () => {
    const dir = dataFolder();
    const printed = await run(dir, ['/start', '7']);
    expect(answerTo(printed, '7')).toBe('(me has no button 7; the buttons shown for me are 1 to 3)\n');
  });
});

describe('DATA_DIR', () => {
  it('decides where the database goes when DATABASE_URL is not set', async () => {
    const dir = dataFolder();
    expect(loadConfig({ DATA_DIR: dir }).storage).toEqual({ kind: 'sqlite', file: join(dir, 'steadfast.db') });
    expect(loadConfig({ DATA_DIR: dir, DATABASE_URL: 'sqlite:/elsewhere/x.db' }).storage).toEqual({ kind: 'sqlite', file: '/elsewhere/x.db' });
    expect(loadConfig({}).storage).toEqual({ kind: 'sqlite', file: join('data', 'steadfast.db') });
    await run(dir, ['/start']);
    expect(existsSync(join(dir, 'steadfast.db'))).toBe(true);
  });
});
