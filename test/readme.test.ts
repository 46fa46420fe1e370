import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commandSection, renderCommandTable, withCommandTable, END, START } from '../adapters/readme.js';
import { DISCORD_VARIABLES } from '../adapters/discord/config.js';
import { TELEGRAM_VARIABLES } from '../adapters/telegram/config.js';
import { COMMANDS } from '../src/commands/catalog.js';
import { CONFIG_VARIABLES } from '../src/config.js';
import type { CommandSpec } from '../src/commands/spec.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');

/** The names in the first column of the table under `## Configuration`. */
function configurationNames(text: string): Set<string> {
  const section = text.split(/^## /m).find((s) => s.startsWith('Configuration\n')) ?? '';
  const firstCells = section.split('\n').filter((l) => l.startsWith('|')).map((l) => l.split('|')[1] ?? '');
  return new Set(firstCells.flatMap((c) => [...c.matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]!)));
}

describe('the README a newcomer reads', () => {
  it('starts with the two commands', () => {
    const top = readme.slice(0, 1500);
    expect(top).toContain('npm install && npm start');
    expect(top).toContain('npm install && npm test');
  });

  it('has exactly the command table the catalog renders (run `npm run docs` after changing a command)', () => {
    expect(commandSection(readme)).toBe(renderCommandTable(COMMANDS));
  });

  it('lists in .env.example exactly the variables the code reads (src/config.ts and each adapter’s config)', () => {
    const listed = [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!);
    const read = [...CONFIG_VARIABLES, ...TELEGRAM_VARIABLES, ...DISCORD_VARIABLES];
    expect(new Set(listed).size, 'each variable once').toBe(listed.length);
    expect([...listed].sort()).toEqual([...read].sort());
  });

  it('documents every variable of .env.example', () => {
    const vars = [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!);
    expect(vars.length).toBeGreaterThan(10);
    for (const v of vars) expect(readme, v).toContain(v);
    // By its whole name in the configuration table: CRISIS_TEXT inside CRISIS_TEXT_PARTNER does not count.
    const names = configurationNames(readme);
    for (const v of vars) expect(names.has(v), `${v} in the configuration table`).toBe(true);
  });
});

describe('the generated command table', () => {
  const spec = (over: Partial<CommandSpec>): CommandSpec => ({ name: 'x', summary: 'Does x', usage: ['/x'], where: 'anywhere', private: false, ...over });

  it('has one row per command, with its forms in code and where it works', () => {
    const table = renderCommandTable([
      spec({ name: 'link', usage: ['/link', '/link CODE'], where: 'dm-only' }),
      spec({ name: 'links' }),
      spec({ name: 'roll', where: 'group-only' }),
    ]);
    expect(table.split('\n').slice(2)).toEqual([
      '| `/link` | Does x | `/link`, `/link CODE` (DM only) |',
      '| `/links` | Does x | `/x` |',
      '| `/roll` | Does x | `/x` (groups only) |',
    ]);
  });

  it('escapes a pipe, which would otherwise end the cell even inside a code span', () => {
    const table = renderCommandTable([spec({ summary: 'on|off', usage: ['/x on|off'] })]);
    expect(table.split('\n')[2]).toBe('| `/x` | on\\|off | `/x on\\|off` |');
  });

  it('replaces only what lies between the markers', () => {
    const doc = `# Title\n\nabove\n${START}\nold table\n${END}\n\nbelow\n`;
    expect(withCommandTable(doc, 'new table')).toBe(`# Title\n\nabove\n${START}\nnew table\n${END}\n\nbelow\n`);
    expect(() => withCommandTable('# no markers\n', 'x')).toThrow(/commands:start/);
  });
});
