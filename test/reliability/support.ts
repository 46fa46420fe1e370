// Shared pieces of the reliability suite: child processes that can be SIGKILLed and the
// PostgreSQL they may run on. The platform they send to is test/helpers/http-platform.ts,
// the people they serve come from test/helpers/seed-people.ts.
import { seededRandom } from '../helpers/seeded-random.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

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
export function runTs(script: string, env: Record<string, string>, args: readonly string[] = []): ChildRun {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
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

// ---- PostgreSQL ------------------------------------------------------------------------

export const POSTGRES_URL = process.env.DATABASE_URL ?? '';
export const onPostgres = /^postgres(ql)?:\/\//.test(POSTGRES_URL);



export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export { seededRandom };
