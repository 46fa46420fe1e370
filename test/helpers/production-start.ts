// The bot as `npm start` runs it: compiled JavaScript in dist/, started by plain node with the
// flags package.json gives. Tests that spawn the real entry point build it first (once: the
// build script takes a lock, so test files starting together wait for one build).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

/** Up to a few minutes on a loaded machine with a cold dist/; milliseconds when it is current. */
export const BUILD_TIMEOUT_MS = 240_000;

/** Builds dist/ when a source is newer (scripts/build.mjs); a no-op when it is current. */
export function buildOnce(): void {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], timeout: BUILD_TIMEOUT_MS });
}

/** `npm start` as node arguments, e.g. ['--max-semi-space-size=2', 'scripts/start.mjs'] (run with cwd ROOT). */
export function startArgs(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [node, ...args] = pkg.scripts.start.split(/\s+/).filter(Boolean);
  if (node !== 'node') throw new Error(`npm start is not a node command: ${pkg.scripts.start}`);
  return args;
}
