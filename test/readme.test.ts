import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/commands/catalog.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');

describe('the README a newcomer reads', () => {
  it('starts with the two commands', () => {
    const top = readme.slice(0, 1500);
    expect(top).toContain('npm install && npm start');
    expect(top).toContain('npm install && npm test');
  });

  it('lists every command of the catalog', () => {
    for (const c of COMMANDS) expect(readme, c.name).toContain(`\`/${c.name}`);
  });

  it('documents every variable of .env.example', () => {
    const vars = [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!);
    expect(vars.length).toBeGreaterThan(10);
    for (const v of vars) expect(readme, v).toContain(v);
  });
});
