// Prompts nobody answers come less often: daily for a week, then every other day, then once a
// week, each change said once and kindly; reminders stop; any check-in brings the daily prompt
// back. Supporters are told of misses only on days that were prompted. Europe/Berlin, UTC+1.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestBot, type TestBot } from '../helpers/core-harness.js';
import { InProcessPlatform } from '../helpers/in-process-platform.js';
import { addLink, personIdOf, simulate } from './simulation.js';

const HOUR = 3_600_000;

let bot: TestBot | null = null;
afterEach(async () => {
  await bot?.close();
  bot = null;
});

const dates = (calls: { at: Date }[]) => calls.map((c) => c.at.toISOString().slice(5, 10));

describe('back-off', () => {
  it('daily for a week, then every other day, then weekly, said once each time; a check-in brings the daily prompt back', async () => {
    const fake = new InProcessPlatform();
    bot = await createTestBot({ at: '2026-03-01T12:00:00Z', ports: [fake] });
    await bot.onboard('pat', 'partner', 'Europe/Berlin');
    await bot.onboard('ana', 'recovery', 'Europe/Berlin');
    await bot.onboard('sam', 'supporter', 'Europe/Berlin');
    await addLink(bot.db, await personIdOf(bot.db, 'ana'), await personIdOf(bot.db, 'sam'));
    await simulate(bot, '2026-03-31T12:00:00Z', HOUR);

    const prompts = fake.deliveredTo('test:pat', 'prompt');
    // 1–7 March daily; nothing heard for a week, so 9, 11, 13, 15; then once a week.
    expect(dates(prompts)).toEqual([
      '03-01', '03-02', '03-03', '03-04', '03-05', '03-06', '03-07', '03-09', '03-11', '03-13', '03-15', '03-22', '03-29',
    ]);
    const said = prompts.map((p) => p.text.split('\n\n')[1] ?? null);
    expect(said.filter(Boolean)).toHaveLength(2);
    expect(said[7]).toMatch(/^I have not heard from you for a week, so I will ask every other day for a while/);
    expect(said[11]).toMatch(/^For now I will ask once a week\..*any check-in brings the daily question back/);
    // Reminders only while the prompt is daily (the seventh prompt already starts the slower pace).
    expect(dates(fake.deliveredTo('test:pat', 'reminder'))).toEqual(['03-01', '03-02', '03-03', '03-04', '03-05', '03-06']);
    // A supporter never enrolled: Sam got no prompt of his own. His alerts about Ana follow her prompted days.
    expect(fake.deliveredTo('test:sam', 'prompt')).toEqual([]);
    const alerts = fake.deliveredTo('test:sam', 'alert').filter((a) => a.text.startsWith('A note about ana.'));
    expect(alerts.map((a) => /for (\w+ \d+ Mar)/.exec(a.text)![1])).toEqual([
      'Sun 1 Mar', 'Mon 2 Mar', 'Tue 3 Mar', 'Wed 4 Mar', 'Thu 5 Mar', 'Fri 6 Mar', 'Sat 7 Mar', 'Mon 9 Mar', 'Wed 11 Mar',
      'Fri 13 Mar', 'Sun 15 Mar', 'Sun 22 Mar', 'Sun 29 Mar',
    ]);
    expect(alerts.at(-1)!.text).toContain('(29 days in a row now)');

    // Pat checks in on a Tuesday, days before the next weekly prompt: the daily prompt is back from Wednesday.
    expect(await bot.say('pat', '/checkin mood:3')).toMatch(/^Checked in for Tue 31 Mar/);
    await simulate(bot, '2026-04-03T12:00:00Z', HOUR);
    expect(dates(fake.deliveredTo('test:pat', 'prompt')).slice(13)).toEqual(['04-01', '04-02']);
    expect(dates(fake.deliveredTo('test:pat', 'reminder')).slice(6)).toEqual(['04-01', '04-02']);
  });
});
