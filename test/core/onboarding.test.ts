// Each role is welcomed in words that fit it, and a repeated onboarding says what is true.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestBot, daysBefore, type TestBot } from '../helpers/core-harness.js';

let bot: TestBot;
afterEach(async () => { await bot?.close(); });

describe('the welcome after choosing a role', () => {
  it('the privacy notice speaks to every role, not only to someone in recovery', async () => {
    bot = await createTestBot();
    const notice = await bot.say('pat', '/start');
    expect(notice.split('\n')[0]).toBe('Welcome to Steadfast. This is a private space for the work you came for: your recovery, your own healing, or walking beside someone.');
    expect(notice).not.toContain('recovery work');
  });

  it('a partner hears about their own healing, never about someone else’s recovery', async () => {
    bot = await createTestBot();
    const welcome = await bot.say('pat', '/role partner');
    expect(welcome).toContain("You're set up as a partner healing from betrayal.");
    expect(welcome).toContain('This space is for your own healing.');
    expect(welcome).toContain('Never a report about anyone else.');
    expect(welcome).toContain('you decide what, if anything, you receive');
    expect(welcome).not.toMatch(/recovery|sobriety|sober/i);
  });

  it('a supporter hears their part, what they will and will not see, and can accept a code in one tap', async () => {
    bot = await createTestBot();
    const [welcome, zone] = await bot.send('sam', '/role supporter');
    expect(welcome!.text).toContain('Your part: to walk beside someone who invited you.');
    expect(welcome!.text).toContain('What you will see: only what each person chooses to share with you');
    expect(welcome!.text).toContain('What you will not see: anything they have not chosen to share.');
    expect(welcome!.buttons).toEqual([[{ label: 'I have an invitation code', command: '/accept' }]]);
    expect(zone!.text).toContain('Which time zone are you in?');
    expect(await bot.say('sam', '/accept')).toContain('Send me the invitation code you were given');
  });

  it('someone in recovery hears what the daily check-in asks, and that their counter starts today', async () => {
    bot = await createTestBot();
    const welcome = await bot.say('alex', '/role recovery');
    expect(welcome).toContain('A missed day is not a relapse');
    expect(welcome).toContain('Your sobriety counter starts today.');
  });
});

describe('onboarding again on existing data', () => {
  it('tells the counter as it stands, and takes the time zone line that follows', async () => {
    bot = await createTestBot({ at: '2026-03-10T12:00:00Z' });
    await bot.onboard('alex', 'recovery', 'Europe/Berlin');
    await bot.say('alex', `/sobriety ${daysBefore('2026-03-10', 29)}`);
    expect(await bot.say('alex', '/start')).toContain('You are set up as in recovery. Change it any time:');
    const again = await bot.say('alex', '/role recovery');
    expect(again).toContain('You are still set up as in recovery.');
    expect(again).toContain('Your sobriety counter stands at 29 days (since 2026-02-09).');
    expect(again).not.toContain('starts today');
    expect(await bot.say('alex', 'Europe/Berlin')).toContain('Time zone set to Europe/Berlin');
  });
});
