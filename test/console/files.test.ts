// Pictures and exports the console saves for a person: readable by them alone, there while
// they look, gone when they type their next line, and gone at once with their /delete, for
// every account of theirs.
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, expect, it } from 'vitest';
import { runConsole } from '../../adapters/console/console-adapter.js';
import { ConsolePort } from '../../adapters/console/console-port.js';
import { ConsoleFiles } from '../../adapters/console/files.js';
import { createTestCore, tempDir, type TestCore } from '../helpers/core-harness.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
let dir: string | null = null;
let core: TestCore | null = null;
afterEach(async () => {
  await core?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  core = null;
  dir = null;
});

/** A console session fed one line at a time; each line returns once the console has answered it. */
async function session() {
  dir = tempDir('steadfast-console-files-');
  const files = new ConsoleFiles(join(dir, 'console'));
  const port = new ConsolePort();
  core = await createTestCore({ storage: 'sqlite-memory', ports: [port], personFiles: files });
  const input = new PassThrough();
  let out = '';
  const output = new PassThrough();
  output.setEncoding('utf8').on('data', (d: string) => { out += d; });
  const done = runConsole({ core: core.core, port, clock: core.clock, input, output, files, interactive: false });
  const type = async (line: string) => {
    const before = out.length;
    input.write(`${line}\n`);
    // Lines are handled one after another; the answer is complete once the output stops growing.
    for (let quiet = 0; quiet < 3;) {
      const seen = out.length;
      await new Promise((r) => setTimeout(r, 40));
      quiet = out.length === seen && out.length > before ? quiet + 1 : 0;
    }
    return out.slice(before);
  };
  const saved = (said: string) => /\[(?:picture|file) saved: (.+)\]/.exec(said)?.[1] ?? null;
  const end = async () => { input.end(); await done; };
  return { type, saved, end, folder: join(dir, 'console') };
}

it('a picture is there, owner-only, while the person looks, and gone when they type their next line', async () => {
  const s = await session();
  await s.type('/role recovery');
  await s.type('UTC');
  const path = s.saved(await s.type('/progress'))!;
  expect(path).not.toBeNull();
  expect(readFileSync(path).subarray(0, 8).equals(PNG)).toBe(true);
  expect(statSync(path).mode & 0o777).toBe(0o600);
  expect(statSync(s.folder).mode & 0o777).toBe(0o700);
  await s.type('/as sam');
  await s.type('/start');
  expect(existsSync(path)).toBe(true); // someone else speaking does not take it away
  await s.type('/as me');
  await s.type('/help');
  expect(existsSync(path)).toBe(false);
  const exported = s.saved(await s.type('/export'))!;
  expect(existsSync(exported)).toBe(true);
  await s.end();
  expect(readdirSync(s.folder)).toEqual([]);
});

it('/delete takes the files kept for every account of the person at once', async () => {
  const s = await session();
  await s.type('/as alice');
  await s.type('/role recovery');
  const code = /\/link ([0-9A-Z]{5}-[0-9A-Z]{5})/.exec(await s.type('/link'))![1]!;
  await s.type('/as alice2');
  expect(await s.type(`/link ${code}`)).toContain('now joined');
  const other = s.saved(await s.type('/export'))!;
  expect(existsSync(other)).toBe(true);
  await s.type('/as alice');
  const mine = s.saved(await s.type('/export'))!;
  expect(await s.type('/delete confirm')).toContain('Everything is erased');
  expect(existsSync(mine)).toBe(false);
  expect(existsSync(other)).toBe(false);
  await s.end();
});
