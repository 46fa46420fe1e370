import { afterEach, describe, expect, it } from 'vitest';
import { CommandRateLimit } from '../../src/services/command-pace.js';
import { createTestBot, type TestBot } from '../helpers/core-harness.js';

describe('a flood of commands from one account', () => {
  let bot: TestBot | null = null;
  afterEach(async () => { await bot?.close(); bot = null; });

  it('slows that account only: others are answered as usual, and the flood changes nothing', async () => {
    let t = 0;
    bot = await createTestBot({ storage: 'sqlite-memory', commandLimit: new CommandRateLimit(5, 1_000, () => t) });
    const flood: string[] = [];
    for (let i = 0; i < 50; i += 1) flood.push(await bot.say('flooder', '/goal add drink water'));
    expect(flood.slice(0, 5).every((r) => r.includes('Goal'))).toBe(true);
    expect(flood[5]).toMatch(/a lot of messages at once.*nothing was changed/s);
    expect(flood.slice(6).every((r) => r === '')).toBe(true);
    expect(await bot.say('calm', '/help')).toContain('/checkin');
    t += 2_000; // two seconds later the flooder may go on
    expect(await bot.say('flooder', '/goals')).toContain('5. drink water');
    expect(await bot.say('flooder', '/goals')).not.toContain('6.');
  });
});

describe('redelivered platform updates', () => {
  it('are remembered for a week, then forgotten so the table does not grow forever', async () => {
    const bot = await createTestBot({ storage: 'sqlite-memory' });
    await bot.send('ana', '/help', { idempotencyKey: 'telegram:update:1' });
    expect(await bot.send('ana', '/help', { idempotencyKey: 'telegram:update:1' })).toEqual([]);
    bot.clock.advance(8 * 86_400_000);
    await bot.core.tick();
    const left = await bot.db.selectFrom('processed_events').selectAll().execute();
    expect(left).toEqual([]);
    await bot.close();
  });
});
