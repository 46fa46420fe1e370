// Bad input, through the real core: each gets a clear, kind answer that says what was
// expected, and changes nothing about the person (their /export is the same before and after).
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/commands/catalog.js';
import { createTestBot, type TestBot } from '../helpers/core-harness.js';

const TODAY = '2026-03-10';

/** Someone in recovery with a little history: a sobriety date, today's check-in and one goal. */
async function personWithHistory(bot: TestBot, as: string) {
  await bot.onboard(as, 'recovery', 'Europe/Berlin');
  await bot.say(as, '/sobriety 2026-02-20');
  await bot.say(as, '/checkin sober mood:4 did:meeting note:steady day');
  await bot.say(as, '/goal add Call my sponsor twice this week');
  await bot.say(as, '/quiet 23:00-06:00');
}

/** Valid IANA zone names in a text, judged by the platform's Intl, not by the code under test. */
function validZonesIn(text: string): string[] {
  const names = text.match(/\b[A-Z][A-Za-z_]+\/[A-Za-z_]+(?:\/[A-Za-z_]+)?\b/g) ?? [];
  return names.filter((z) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: z });
      return true;
    } catch {
      return false;
    }
  });
}

describe('bad input gets a clear answer and changes nothing', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await createTestBot({ at: `${TODAY}T12:00:00Z` });
    await personWithHistory(bot, 'dana');
  });
  afterEach(async () => {
    await bot.close();
  });

  const cases: { name: string; input: string; says: RegExp[] }[] = [
    { name: 'an unknown command', input: '/frobnicate now', says: [/don't know the command \/frobnicate/, /\/help/] },
    { name: 'mood out of range', input: '/checkin sober mood:99', says: [/"99"/, /mood/, /1 \(very low\) to 5/, /Nothing was changed/] },
    { name: 'a mood that is not a number', input: '/checkin sober mood:abc', says: [/"abc"/, /mood/, /number from 1/, /Nothing was changed/] },
    { name: 'an impossible date', input: '/sobriety 2026-02-30', says: [/"2026-02-30"/, /YYYY-MM-DD/, /Nothing was changed/] },
    { name: 'a sobriety date in the future', input: '/sobriety 2026-03-11', says: [/future/, /YYYY-MM-DD/, new RegExp(TODAY)] },
    { name: 'a goal number that does not exist', input: '/goal done 99', says: [/no goal 99/, /you have 1/, /\/goals/] },
    { name: 'a time of day that does not exist', input: '/schedule 25:00', says: [/"25:00"/, /a time like 21:30/, /Nothing was changed/] },
    { name: 'quiet hours without an end', input: '/quiet 22:00', says: [/"22:00"/, /range like 22:00-07:00/, /Nothing was changed/] },
    { name: 'an empty message', input: '', says: [/empty/, /\/help/] },
    { name: 'only spaces', input: '   \t  ', says: [/empty/, /\/help/] },
    { name: 'a right-to-left command name', input: '/שלום 🙂', says: [/don't know the command \/שלום/, /\/help/] },
    { name: 'emoji and Arabic without a slash', input: '🙂🙂 مرحبا بك', says: [/start with a slash/, /\/checkin/, /\/help/] },
    { name: 'an emoji command with a bidi override', input: '/🙂🙂 \u202Eevil', says: [/don't know the command/, /\/help/] },
  ];

  it.each(cases)('$name: "$input"', async ({ input, says }) => {
    const before = await bot.exported('dana');
    const text = await bot.say('dana', input);
    for (const pattern of says) expect(text).toMatch(pattern);
    expect(await bot.exported('dana')).toEqual(before);
  });

  it('an unknown time zone names a few valid ones and keeps the old zone', async () => {
    const before = await bot.exported('dana');
    const text = await bot.say('dana', '/timezone Mars/Olympus_Mons');
    expect(text).toMatch(/"Mars\/Olympus_Mons"/);
    expect(text).toMatch(/time zone/);
    const offered = validZonesIn(text).filter((z) => z !== 'Mars/Olympus_Mons');
    expect(new Set(offered).size).toBeGreaterThanOrEqual(3);
    const after = await bot.exported('dana');
    expect(after).toEqual(before);
    expect(after.person.timezone).toBe('Europe/Berlin');
  });

  it('a zone name typed in lower case is stored in its canonical spelling', async () => {
    expect(await bot.say('dana', '/timezone america/new_york')).toMatch(/^Time zone set to America\/New_York/);
    expect((await bot.exported('dana')).person.timezone).toBe('America/New_York');
  });

  it('a 10,000-character note is refused with the limit, and not echoed back', async () => {
    const before = await bot.exported('dana');
    const note = 'I kept going. '.repeat(715).slice(0, 10_000);
    const text = await bot.say('dana', `/checkin sober mood:5 note:${note}`);
    expect(text).toMatch(/note/);
    expect(text).toMatch(/up to 2,?000 characters/);
    expect(text).toMatch(/Nothing was changed/);
    expect(text.length).toBeLessThan(400);
    const after = await bot.exported('dana');
    expect(after).toEqual(before);
    expect(after.checkins[0].mood).toBe(4);
  });

  it('a note of exactly the limit is accepted', async () => {
    const note = 'x'.repeat(2000);
    expect(await bot.say('dana', `/checkin note:${note}`)).toMatch(/private note saved/);
    expect((await bot.exported('dana')).checkins[0].note).toBe(note);
  });
});

describe('right-to-left text and emoji are ordinary input', () => {
  it('stores an Arabic note, a Hebrew feeling and emoji exactly as written', async () => {
    const bot = await createTestBot({ at: `${TODAY}T12:00:00Z` });
    try {
      await bot.onboard('noor', 'recovery', 'Asia/Riyadh');
      const note = 'أنا بخير اليوم 🙏🏽 — תודה לקבוצה 👨‍👩‍👧';
      const text = await bot.say('noor', `/checkin sober mood:4 feeling:שמחה note:${note}`);
      expect(text).toMatch(/^Checked in for Tue 10 Mar: sober · mood 4 \(שמחה\) · private note saved\./);
      await bot.say('noor', '/goal add اتصل بالراعي 📞');
      expect(await bot.say('noor', '/goals')).toContain('1. اتصل بالراعي 📞');

      const data = await bot.exported('noor');
      expect(data.checkins).toHaveLength(1);
      expect(data.checkins[0].note).toBe(note);
      expect(data.checkins[0].feeling).toBe('שמחה');
      expect(data.goals[0].text).toBe('اتصل بالراعي 📞');
    } finally {
      await bot.close();
    }
  });

  it('stores an emoji-only feeling', async () => {
    const bot = await createTestBot({ storage: 'sqlite-memory' });
    try {
      await bot.onboard('sam', 'partner');
      expect(await bot.say('sam', '/checkin mood:3 feeling:😌')).toContain('mood 3 (😌)');
      expect((await bot.exported('sam')).checkins[0].feeling).toBe('😌');
    } finally {
      await bot.close();
    }
  });
});

/** Every window of `size` code points of `s`. */
function windows(s: string, size: number): string[] {
  const chars = [...s];
  const out: string[] = [];
  for (let i = 0; i + size <= chars.length; i += 1) out.push(chars.slice(i, i + size).join(''));
  return out;
}

describe('arbitrary text after any command', () => {
  it('never throws, always answers, and never echoes more than 40 characters of it', async () => {
    const bot = await createTestBot({ storage: 'sqlite-memory', at: `${TODAY}T12:00:00Z` });
    try {
      await bot.onboard('pat', 'recovery', 'America/New_York');
      const names = COMMANDS.map((c) => c.name);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...names),
          fc.constantFrom('', ' '),
          fc.string({ unit: 'binary', maxLength: 2000 }),
          fc.constantFrom('pat', 'newcomer'),
          async (name, sep, rest, as) => {
            const input = `/${name}${sep}${rest}`;
            const replies = await bot.send(as, input);
            expect(replies.length).toBeGreaterThan(0);
            for (const r of replies) {
              expect(r.text.trim()).not.toBe('');
              expect(windows(input, 41).find((w) => r.text.includes(w))).toBeUndefined();
            }
          },
        ),
        { numRuns: 150 },
      );
    } finally {
      await bot.close();
    }
  });
});
