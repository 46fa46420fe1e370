// Words that every JavaScript object answers to (__proto__, constructor, toString, …) are words
// like any other: typed as a command, a subcommand, an option name or a value, each gets a clear
// answer, never a crash, and changes nothing.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { COMMANDS } from '../../src/commands/catalog.js';
import { SOMETHING_WENT_WRONG } from '../../src/messages/platform-notices.js';
import { createTestBot, type TestBot } from '../helpers/core-harness.js';

/** Own property names of the objects a lookup by a typed word could reach. */
const WORDS = [...new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  ...Object.getOwnPropertyNames(Function.prototype),
  ...Object.getOwnPropertyNames(Array.prototype),
  ...Object.getOwnPropertyNames(String.prototype),
  'prototype', 'length', 'name', '__proto__', 'constructor',
])].filter((w) => /^[A-Za-z_$]+$/.test(w));

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot({ at: '2026-03-10T12:00:00Z' });
  await bot.onboard('kim', 'recovery');
  await bot.say('kim', '/goal add walk after dinner');
});
afterAll(async () => {
  await bot.close();
});

it(`answers every command word and option name from ${WORDS.length} of JavaScript's own property names without a crash`, async () => {
  expect(WORDS).toEqual(expect.arrayContaining(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf']));
  const before = await bot.exported('kim');
  const lines: string[] = [];
  for (const w of WORDS) {
    lines.push(`/${w}`, `/${w} ${w}`);
    for (const c of COMMANDS) {
      lines.push(`/${c.name} ${w}`, `/${c.name} ${w}:1`, `/${c.name} ${w}:${w}`);
      for (const sub of Object.keys(c.subcommands ?? {})) lines.push(`/${c.name} ${sub} ${w}`, `/${c.name} ${sub} ${w}:x`);
    }
  }
  const crashed: string[] = [];
  for (const line of lines) {
    const replies = await bot.send('kim', line);
    const text = replies.map((r) => r.text).join('\n');
    if (replies.length === 0 || text.includes(SOMETHING_WENT_WRONG)) crashed.push(line);
  }
  expect(crashed).toEqual([]);
  // Names that are words (/goal constructor) get the usual answer: what was expected.
  expect(await bot.say('kim', '/goal constructor')).toMatch(/add|done/);
  expect(await bot.say('kim', '/circles __proto__')).toMatch(/inner|middle|outer/);
  // Some lines are valid free text (/boundary add constructor); what no word can change stays as it was.
  const after = await bot.exported('kim');
  for (const table of ['person', 'links', 'group_members', 'sobriety_periods']) expect(after[table], table).toEqual(before[table]);
}, 120_000);
