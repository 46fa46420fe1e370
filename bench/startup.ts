/*
 * (k) The production start: time from launching the bot to the first answer, and its peak RSS
 * idle and after a busy minute. The bot is the compiled console (what `npm start` runs with no
 * tokens), on a fresh data folder, with `/help` piped in. Figures are printed, never asserted.
 *
 *   npx tsx bench/startup.ts [--quick] [--busy-seconds N] [--node-flags "…"]   alone (flags: try other V8 settings)
 *   npm run bench -- --only startup [--quick]   through bench/run.ts
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { percentile, round } from './stats.js';

const ROOT = resolve(import.meta.dirname, '..');

export interface StartupResult {
  /** The start script's command line, as package.json has it. */
  startScript: string;
  /** Building dist/ first, when it was stale (null: it was current). */
  buildMs: number | null;
  /** Launch (node + the start script) to the first line of the answer to /help, per trial. */
  firstAnswerMs: number[];
  firstAnswerMedianMs: number;
  firstAnswerMaxMs: number;
  /** The same through `npm start` itself (npm's own start-up included), one trial. */
  npmStartFirstAnswerMs: number | null;
  /** Peak RSS (VmHWM) after the first answer and some idle seconds. */
  idlePeakRssBytes: number;
  /** Peak RSS over the whole run, after the busy phase. */
  busyPeakRssBytes: number;
  busySeconds: number;
  /** Lines the bot answered during the busy phase (commands from 20 people, /progress pictures, clock moves). */
  busyLines: number;
  /** RSS (not peak) every 10 s of the busy phase, MB: whether it levels off or keeps growing. */
  busyRssTimelineMb: number[];
  /** What the bot's V8 heap figures were not measured from: RSS is read from /proc (Linux). */
  rssSource: 'proc' | 'unavailable';
}

/** The node flags and script of `npm start` ("node [flags] scripts/start.mjs"). */
function startCommand(): { script: string; args: string[] } {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const script = pkg.scripts.start!;
  const words = script.split(/\s+/).filter(Boolean);
  if (words[0] !== 'node') throw new Error(`npm start is not "node …": ${script}`);
  return { script, args: words.slice(1) };
}

function procStatus(pid: number): { hwm: number; rss: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? NaN) * 1024;
    return { hwm: kb('VmHWM'), rss: kb('VmRSS') };
  } catch {
    return null;
  }
}

/** A running console bot with its output collected; `echoes` counts the lines it has taken up. */
class Bot {
  out = '';
  err = '';
  readonly started = performance.now();
  private waiters: { test: () => boolean; done: () => void }[] = [];
  constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      this.out += d;
      this.waiters = this.waiters.filter((w) => (w.test() ? (w.done(), false) : true));
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { this.err = (this.err + d).slice(-2000); });
  }
  get echoes(): number { return this.out.match(/^[\w.-]+> /gm)?.length ?? 0; }
  until(test: () => boolean, timeoutMs: number): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((done, fail) => {
      const t = setTimeout(() => fail(new Error(`the bot did not answer in ${timeoutMs} ms:\n${this.out.slice(-500)}\n${this.err}`)), timeoutMs);
      this.waiters.push({ test, done: () => { clearTimeout(t); done(); } });
    });
  }
  /** Resolves with the ms from launch to the first line of the answer to /help. */
  async firstAnswer(timeoutMs = 30_000): Promise<number> {
    this.child.stdin.write('/help\n');
    await this.until(() => /> \/help\n\s*\S/.test(this.out), timeoutMs);
    return performance.now() - this.started;
  }
  async stop(): Promise<void> {
    this.child.stdin.end();
    await new Promise<void>((r) => {
      if (this.child.exitCode !== null) return r();
      const t = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
      this.child.once('exit', () => { clearTimeout(t); r(); });
    });
  }
}

function launch(cmd: string, args: string[], dataDir: string): Bot {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, NODE_OPTIONS: '' };
  return new Bot(spawn(cmd, args, { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] }));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The busy mix: 20 people set up, then check-ins, progress pictures, help and clock moves in turn. */
function* busyLines(): Generator<string> {
  const people = Array.from({ length: 20 }, (_, i) => `p${i + 1}`);
  for (const p of people) yield* [`/as ${p}`, '/start', '1', 'Europe/Berlin', '/sobriety 2026-01-01'];
  for (let round = 0; ; round++) {
    for (const p of people) {
      yield `/as ${p}`;
      yield `/checkin sober mood:${1 + (round % 5)} did:meeting,selfcare note:a steady day number ${round}`;
      if (round % 3 === 0) yield '/progress';
      if (round % 4 === 1) yield '/help';
      if (round % 5 === 2) yield '/goal call my sponsor';
    }
    yield '/clock +1d';
  }
}

export async function startupBench(opts: { quick: boolean; say?: (line: string) => void; nodeFlags?: string[]; busySeconds?: number }): Promise<StartupResult> {
  const say = opts.say ?? ((l: string) => console.log(l));
  const start = startCommand();
  // --node-flags "…" tries other V8 settings without editing package.json (they replace the script's).
  const args = opts.nodeFlags ? [...opts.nodeFlags, ...start.args.filter((a) => !a.startsWith('--'))] : start.args;
  const script = `node ${args.join(' ')}`;
  // Build once up front (a fresh clone's first start does this); the trials then time a warm start.
  const b0 = performance.now();
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`the build failed: ${build.stderr}`);
  const buildMs = /up to date/.test(build.stderr) ? null : round(performance.now() - b0, 0);

  const trials = opts.quick ? 3 : 7;
  const firstAnswerMs: number[] = [];
  const dirs: string[] = [];
  const folder = () => { const d = mkdtempSync(join(tmpdir(), 'steadfast-startup-')); dirs.push(d); return d; };
  try {
    for (let i = 0; i < trials; i++) {
      const bot = launch(process.execPath, args, folder());
      firstAnswerMs.push(round(await bot.firstAnswer(), 0));
      await bot.stop();
    }
    say(`startup: first answer after ${firstAnswerMs.join(', ')} ms (${trials} starts of "${script}")`);

    let npmStartFirstAnswerMs: number | null = null;
    try {
      const bot = launch('npm', ['start', '--silent'], folder());
      npmStartFirstAnswerMs = round(await bot.firstAnswer(), 0);
      await bot.stop();
      say(`startup: through npm start: ${npmStartFirstAnswerMs} ms`);
    } catch (e) {
      say(`startup: npm start not measured: ${(e as Error).message.split('\n')[0]}`);
    }

    // Idle, then busy: one bot, RSS read from /proc.
    const bot = launch(process.execPath, args, folder());
    await bot.firstAnswer();
    await sleep(opts.quick ? 2_000 : 5_000);
    const pid = bot.child.pid!;
    const idle = procStatus(pid);
    const busySeconds = opts.busySeconds ?? (opts.quick ? 10 : 60);
    const timeline: number[] = [];
    const sampler = setInterval(() => { const s = procStatus(pid); if (s) timeline.push(round(s.rss / 2 ** 20, 1)); }, 10_000);
    const lines = busyLines();
    let written = bot.echoes;
    const until = performance.now() + busySeconds * 1000;
    const startEchoes = bot.echoes;
    // One line in flight: the next is written once the bot has taken up the one before.
    while (performance.now() < until) {
      bot.child.stdin.write(`${lines.next().value!}\n`);
      written++;
      await bot.until(() => bot.echoes >= written, 30_000);
    }
    clearInterval(sampler);
    await sleep(1_000);
    const busy = procStatus(pid);
    const busyLinesDone = bot.echoes - startEchoes;
    await bot.stop();
    say(`startup: peak RSS ${idle ? round(idle.hwm / 2 ** 20, 1) : '?'} MB idle, ${busy ? round(busy.hwm / 2 ** 20, 1) : '?'} MB after ${busySeconds} s busy (${busyLinesDone} lines answered; RSS every 10 s: ${timeline.join(', ')} MB)`);
    return {
      startScript: script, buildMs, firstAnswerMs,
      firstAnswerMedianMs: percentile(firstAnswerMs, 50), firstAnswerMaxMs: Math.max(...firstAnswerMs),
      npmStartFirstAnswerMs,
      idlePeakRssBytes: idle?.hwm ?? NaN, busyPeakRssBytes: busy?.hwm ?? NaN, busySeconds, busyLines: busyLinesDone, busyRssTimelineMb: timeline,
      rssSource: idle && busy ? 'proc' : 'unavailable',
    };
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(ROOT, 'bench/startup.ts')) {
  const i = process.argv.indexOf('--node-flags');
  const nodeFlags = i > 0 ? process.argv[i + 1]!.split(/\s+/).filter(Boolean) : undefined;
  const b = process.argv.indexOf('--busy-seconds');
  startupBench({ quick: process.argv.includes('--quick'), nodeFlags, ...(b > 0 ? { busySeconds: Number(process.argv[b + 1]) } : {}) }).then((r) => console.log(JSON.stringify(r)), (e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}

// ---- for bench/run.ts ----------------------------------------------------------------------

type Row = [string, string, string, string, string];
const LIMIT_MS = 2_000;
const LIMIT_RSS = 150 * 2 ** 20;
const mbOf = (b: number) => round(b / 2 ** 20, 1);

/** The (k) rows of the bench table: figure, SQLite column, PostgreSQL column, target, verdict. */
export function startupRows(r: StartupResult | { error: string } | null): Row[] {
  if (r === null) return [];
  if ('error' in r) return [['(k) production start', `failed: ${r.error.split('\n')[0]!.slice(0, 80)}`, '', '< 2 s, < 150 MB', 'NOT measured']];
  const ok = (b: boolean) => (b ? 'met' : 'NOT met');
  return [
    [`(k) start to first answer, node (median / max of ${r.firstAnswerMs.length})`, `${r.firstAnswerMedianMs} / ${r.firstAnswerMaxMs} ms`, '', '< 2 s', ok(r.firstAnswerMaxMs < LIMIT_MS)],
    ['(k) start to first answer, through npm start', r.npmStartFirstAnswerMs === null ? 'not measured' : `${r.npmStartFirstAnswerMs} ms`, '', '< 2 s',
      r.npmStartFirstAnswerMs === null ? '' : ok(r.npmStartFirstAnswerMs < LIMIT_MS)],
    [`(k) peak RSS idle → after ${r.busySeconds} s busy (${r.busyLines} lines)`, `${mbOf(r.idlePeakRssBytes)} → ${mbOf(r.busyPeakRssBytes)} MB`, '', '< 150 MB',
      r.rssSource === 'proc' ? ok(r.busyPeakRssBytes < LIMIT_RSS) : 'not measured'],
  ];
}

/**
 * Runs (k) for bench/run.ts: null when `--only` names another scenario. With `--only startup`
 * it prints its own table and puts its figures into the results file (kept: the other figures).
 */
export async function runStartupBench(opts: { quick: boolean; only: string | undefined; say: (line: string) => void; resultsFile: string }): Promise<StartupResult | { error: string } | null> {
  if (opts.only !== undefined && opts.only !== 'startup') return null;
  opts.say(`startup: the production start (${opts.quick ? '10 s' : '60 s'} busy phase)…`);
  const r = await startupBench({ quick: opts.quick, say: opts.say }).catch((e: unknown) => ({ error: (e as Error).message }));
  if (opts.only === 'startup') {
    const rows = startupRows(r);
    const header: Row = ['figure', 'value', '', 'target', 'verdict'];
    const widths = header.map((_, c) => Math.max(...[header, ...rows].map((row) => row[c]!.length)));
    console.log('');
    for (const row of [header, ...rows]) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd());
    console.log('');
    let results: Record<string, unknown> = {};
    try { results = JSON.parse(readFileSync(opts.resultsFile, 'utf8')) as Record<string, unknown>; } catch { /* none yet */ }
    mkdirSync(dirname(opts.resultsFile), { recursive: true });
    writeFileSync(opts.resultsFile, `${JSON.stringify({ ...results, startup: r, startupMeasuredAt: new Date().toISOString() }, null, 2)}\n`);
    opts.say(`startup: results in ${opts.resultsFile}`);
  }
  return r;
}
