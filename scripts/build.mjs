// Compiles the bot (src/, adapters/, migrations/) to dist/ with tsc, only when a source is newer
// than the last build or the set of sources changed. `npm start` calls this first, so a fresh
// clone and an edited checkout both start compiled JavaScript; an up-to-date build costs one
// directory walk (a few milliseconds), not a tsc run. Run alone: `node scripts/build.mjs`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const DIST = join(ROOT, 'dist');
const SOURCE_DIRS = ['src', 'adapters', 'migrations'];
/** Files whose change alters what tsc emits. */
const CONFIG_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package.json'];
/** Written after a successful build: the sources it was built from. Its mtime is the build's. */
const STAMP = join(DIST, '.build-stamp.json');
/** Held while tsc runs, so two starts at once build once (the second waits). */
const LOCK = join(ROOT, '.dist-building');
const LOCK_STALE_MS = 5 * 60_000;

function sources() {
  const files = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) files.push(p);
    }
  };
  for (const d of SOURCE_DIRS) if (existsSync(join(ROOT, d))) walk(join(ROOT, d));
  return files.sort();
}

/** Why a build is needed ('missing' | 'changed' | 'newer'), or null when dist/ is current. */
export function staleness() {
  if (!existsSync(STAMP)) return 'missing';
  const builtAt = statSync(STAMP).mtimeMs;
  let stamp;
  try { stamp = JSON.parse(readFileSync(STAMP, 'utf8')); } catch { return 'missing'; }
  const files = sources();
  const names = files.map((f) => relative(ROOT, f));
  if (JSON.stringify(names) !== JSON.stringify(stamp.sources)) return 'changed';
  for (const f of [...files, ...CONFIG_FILES.map((c) => join(ROOT, c))]) {
    if (existsSync(f) && statSync(f).mtimeMs > builtAt) return 'newer';
  }
  return null;
}

function sleep(ms) { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms); }

/** True when the lock's builder has died (killed mid-build) or held it implausibly long. */
function lockIsStale() {
  try {
    if (Date.now() - statSync(LOCK).mtimeMs > LOCK_STALE_MS) return true;
    const pid = Number(readFileSync(join(LOCK, 'pid'), 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0) return false; // just made; its pid file comes next
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return e.code === 'ESRCH';
  }
}

function takeLock() {
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, 'pid'), String(process.pid));
      return;
    } catch (e) { if (e.code !== 'EEXIST') throw e; }
    if (lockIsStale()) rmSync(LOCK, { recursive: true, force: true });
    else sleep(200);
  }
}

/**
 * Builds dist/ if it is missing or older than the sources; returns what it did. Throws with one
 * sentence when tsc cannot be found or the build fails (tsc's own messages go to stderr).
 */
export function ensureBuilt({ quiet = false } = {}) {
  if (staleness() === null) return 'current';
  takeLock();
  try {
    const why = staleness(); // another start may have built it while this one waited
    if (why === null) return 'current';
    // A renamed or removed source would leave its old .js behind: start from an empty dist/.
    if (why !== 'newer') rmSync(DIST, { recursive: true, force: true });
    let tsc;
    try { tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc'); } catch {
      throw new Error('dist/ needs building and TypeScript is not installed: run `npm install` (with dev dependencies) once, or `npm run build` where it is.');
    }
    if (!quiet) process.stderr.write('Building Steadfast (tsc to dist/)…\n');
    const names = sources().map((f) => relative(ROOT, f));
    const startedAt = new Date(); // a source saved while tsc runs is newer than this build
    const r = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) throw new Error(`The build failed (tsc exited with ${r.status ?? r.signal}); see its messages above.`);
    writeFileSync(STAMP, JSON.stringify({ sources: names }));
    utimesSync(STAMP, startedAt, startedAt);
    return why;
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const did = ensureBuilt();
    process.stderr.write(did === 'current' ? 'dist/ is up to date.\n' : 'Built dist/.\n');
  } catch (e) {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
}
