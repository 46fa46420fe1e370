import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { COMMANDS, type CommandSpec } from '../src/index.js';

// The README's command table is generated, so it can never drift from what the bot answers to.
export const START = '<!-- commands:start (generated from src/commands/catalog.ts by `npm run docs`; edit the catalog, not this table) -->';
export const END = '<!-- commands:end -->';

const WHERE_NOTE: Record<CommandSpec['where'], string> = { anywhere: '', 'dm-only': ' (DM only)', 'group-only': ' (groups only)' };

/** A pipe would end the table cell, even inside a code span. */
const cell = (s: string) => s.replace(/\|/g, '\\|');

export function renderCommandTable(commands: readonly CommandSpec[]): string {
  const rows = commands.map((c) => {
    const forms = c.usage.map((u) => `\`${u}\``).join(', ') + WHERE_NOTE[c.where];
    return `| \`/${c.name}\` | ${cell(c.summary)} | ${cell(forms)} |`;
  });
  return ['| command | what it does | one-line forms |', '| --- | --- | --- |', ...rows].join('\n');
}

/** The text between the markers, or null when the README has none. */
export function commandSection(readme: string): string | null {
  const from = readme.indexOf(`${START}\n`);
  const to = readme.indexOf(`\n${END}`, from);
  return from < 0 || to < 0 ? null : readme.slice(from + START.length + 1, to);
}

export function withCommandTable(readme: string, table: string): string {
  const current = commandSection(readme);
  if (current === null) throw new Error(`README.md has no ${START} … ${END} section`);
  const from = readme.indexOf(`${START}\n`) + START.length + 1;
  return readme.slice(0, from) + table + readme.slice(from + current.length);
}

/** Rows only in one of the two tables, marked like a diff; enough to see what to fix. */
function rowDiff(have: string, want: string): string {
  const a = have.split('\n');
  const b = want.split('\n');
  const lines = [...a.filter((l) => !b.includes(l)).map((l) => `- ${l}`), ...b.filter((l) => !a.includes(l)).map((l) => `+ ${l}`)];
  return lines.length > 0 ? lines.join('\n') : '(the same rows in a different order)';
}

function main(): void {
  const path = fileURLToPath(new URL('../README.md', import.meta.url));
  const readme = readFileSync(path, 'utf8');
  const table = renderCommandTable(COMMANDS);
  const current = commandSection(readme);
  if (current === table) {
    process.stdout.write('README.md: the command table matches the catalog.\n');
    return;
  }
  if (process.argv.includes('--check')) {
    process.stderr.write(`README.md: the command table differs from the catalog; run \`npm run docs\`.\n${current === null ? 'No marked section found.' : rowDiff(current, table)}\n`);
    process.exitCode = 1;
    return;
  }
  writeFileSync(path, withCommandTable(readme, table));
  process.stdout.write('README.md: command table rewritten from the catalog.\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
