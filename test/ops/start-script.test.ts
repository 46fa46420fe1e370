// `npm start` on a fresh clone: it builds dist/ itself, then runs the compiled bot with plain
// node; a start with nothing changed does not build again; an edited source is built before
// the bot starts. Run on a copy of the sources (node_modules linked), so this checkout's
// dist/ is left alone.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startArgs } from '../helpers/production-start.js';

let clone: string;
beforeAll(() => {
  clone = mkdtempSync(join(tmpdir(), 'steadfast-clone-'));
  for (const f of ['src', 'adapters', 'migrations', 'scripts', 'package.json', 'tsconfig.json', 'tsconfig.build.json']) {
    cpSync(join(ROOT, f), join(clone, f), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');
});
afterAll(() => { if (clone) rmSync(clone, { recursive: true, force: true }); });

interface Run { code: number | null; stdout: string; stderr: string }

function start(input: string): Promise<Run> {
  return new Promise((done, fail) => {
    const data = mkdtempSync(join(tmpdir(), 'steadfast-clone-data-'));
    const child = spawn(process.execPath, startArgs(), { cwd: clone, env: { PATH: process.env.PATH, HOME: data, DATA_DIR: data }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    child.on('error', fail);
    child.on('close', (code) => { rmSync(data, { recursive: true, force: true }); done({ code, stdout, stderr }); });
    child.stdin.end(input);
  });
}

describe('npm start on a fresh clone', () => {
  it('builds dist/ once, answers as the compiled console, and rebuilds only after a source changes', async () => {
    expect(existsSync(join(clone, 'dist'))).toBe(false);
    const first = await start('/help\n');
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('Building Steadfast');
    expect(first.stdout).toContain('Here is what I can do');
    expect(existsSync(join(clone, 'dist/adapters/main.js'))).toBe(true);

    const second = await start('/help\n');
    expect(second.stderr).not.toContain('Building');
    expect(second.stdout).toContain('Here is what I can do');

    // An edited source (a newer file) is compiled before the bot starts, and its change is what runs.
    const notices = join(clone, 'src/messages/platform-notices.ts');
    writeFileSync(notices, readFileSync(notices, 'utf8').replace('I can only read text messages.', 'I read text messages only.'));
    const later = new Date(Date.now() + 5_000);
    utimesSync(notices, later, later);
    const third = await start('/help\n');
    expect(third.stderr).toContain('Building Steadfast');
    expect(readFileSync(join(clone, 'dist/src/messages/platform-notices.js'), 'utf8')).toContain('I read text messages only.');
  }, 240_000);
});
