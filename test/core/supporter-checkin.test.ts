// A supporter is offered a daily check-in of their own once, while setting up, and is never
// enrolled in one silently: no prompt comes unless they choose it.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestBot, type TestBot } from '../helpers/core-harness.js';
import { InProcessPlatform } from '../helpers/in-process-platform.js';
import { simulate } from '../scheduler/simulation.js';

const HOUR = 3_600_000;

let bot: TestBot | null = null;
afterEach(async () => {
  await bot?.close();
  bot = null;
});

describe('a supporter’s own check-in', () => {
  it('is offered once, with a button, and only chosen prompts come', async () => {
    const fake = new InProcessPlatform();
    bot = await createTestBot({ at: '2026-03-10T09:00:00Z', ports: [fake] });
    await bot.send('sam', '/role supporter');
    const offer = await bot.send('sam', '/timezone Europe/London');
    expect(offer[0]!.text).toContain('Would you like a daily check-in for yourself too? Nothing comes unless you choose it');
    expect(offer[0]!.buttons?.flat()).toEqual([{ label: 'Yes, a daily check-in at 20:00', command: '/schedule 20:00' }]);
    // Not asked again when the zone changes later.
    expect(await bot.say('sam', '/timezone Europe/Paris')).not.toContain('Would you like a daily check-in');
    await simulate(bot, '2026-03-12T12:00:00Z', HOUR);
    expect(fake.deliveredTo('test:sam')).toEqual([]);

    expect(await bot.say('sam', offer[0]!.buttons![0]![0]!.command)).toContain('Your check-in reminder will come at 20:00');
    await simulate(bot, '2026-03-12T21:00:00Z', HOUR);
    const prompt = fake.deliveredTo('test:sam', 'prompt');
    expect(prompt.map((p) => p.text)).toEqual(['Time for your check-in.\nThu 12 Mar. How are you today? A minute for your own wellbeing.']);
  });
});
