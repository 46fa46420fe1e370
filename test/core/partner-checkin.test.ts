import { afterEach, describe, expect, it } from 'vitest';
import { createTestBot, type TestBot } from '../helpers/core-harness.js';

let bot: TestBot | null = null;
afterEach(async () => { await bot?.close(); bot = null; });

describe("a partner's own check-in", () => {
  it('asks about safety after mood, and "not safe" brings a crisis reply about safety at once', async () => {
    bot = await createTestBot({ storage: 'sqlite-memory' });
    await bot.onboard('pat', 'partner', 'Europe/Berlin');
    const mood = await bot.send('pat', '/checkin mood:3');
    expect(mood[0]!.text).toContain('Do you feel safe today?');
    expect(mood[0]!.buttons?.flat().map((b) => b.command)).toEqual(['/checkin safe:yes', '/checkin safe:no']);

    const unsafe = await bot.send('pat', '/checkin safe:no');
    expect(unsafe).toHaveLength(1);
    expect(unsafe[0]!.text).toMatch(/^You said you don't feel safe today/);
    expect(unsafe[0]!.text).toMatch(/emergency number/);
    expect(unsafe[0]!.text).toContain('National Domestic Violence Hotline');
    expect(unsafe[0]!.buttons?.flat().map((b) => b.command)).toEqual(['/sos safe safety', '/sos unsafe safety']);
    // Later taps on the same check-in do not repeat the resources.
    const toggle = await bot.send('pat', '/checkin did:+boundaries');
    expect(toggle).toHaveLength(1);
    expect(toggle[0]!.text).toContain('held my boundaries');

    const exported = await bot.exported('pat') as { checkins: { safe: number; healing_work: string }[] };
    expect(exported.checkins).toMatchObject([{ safe: 0, healing_work: 'boundaries' }]);
  });

  it('a person in recovery is not asked about safety but may answer it in one line', async () => {
    bot = await createTestBot({ storage: 'sqlite-memory' });
    await bot.onboard('rae', 'recovery', 'UTC');
    expect(await bot.say('rae', '/checkin sober mood:4')).not.toContain('Do you feel safe');
    expect(await bot.say('rae', '/checkin safe:yes')).toContain('feeling safe');
    expect(await bot.say('rae', '/checkin safe:maybe')).toContain('expected yes or no');
  });
});
