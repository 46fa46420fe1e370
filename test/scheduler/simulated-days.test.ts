// Days in the life of the scheduler, through the real core, a SQLite file, an injected
// clock and a fake platform that records what arrives and when. Europe/Berlin is UTC+1
// until 2026-03-29, so 20:00 local is 19:00Z throughout.
import { afterEach, describe, expect, it } from 'vitest';
import type { MessageKind } from '../../src/ports/platform.js';
import { reply } from '../../src/ports/reply.js';
import { enqueueMessage } from '../../src/store/outbox.js';
import { createTestBot, type TestBot } from '../helpers/core-harness.js';
import { InProcessPlatform, type SendCall } from '../helpers/in-process-platform.js';
import { addLink, indiscreetTermsIn, lockScreenOf, MINUTE, personIdOf, simulate } from './simulation.js';

const ZONE = 'Europe/Berlin';
const TUESDAY_NOON = '2026-03-10T12:00:00Z';

let bot: TestBot | null = null;
afterEach(async () => {
  await bot?.close();
  bot = null;
});

interface World {
  bot: TestBot;
  fake: InProcessPlatform;
  ana: string;
  /** Sponsor with the default scopes (alerts among them). */
  sam: string;
  /** Sponsor who was not granted alerts. */
  lee: string;
  /** Sponsor whose link has ended. */
  eve: string;
}

async function world(at = TUESDAY_NOON, env: Record<string, string> = {}): Promise<World> {
  const fake = new InProcessPlatform();
  bot = await createTestBot({ at, ports: [fake], env });
  await bot.onboard('ana', 'recovery', ZONE);
  for (const s of ['sam', 'lee', 'eve']) {
    await bot.onboard(s, 'supporter', ZONE);
    // Supporters have their own prompts; these tests are about ana's.
    await bot.say(s, '/schedule off');
  }
  const ana = await personIdOf(bot.db, 'ana');
  const [sam, lee, eve] = [await personIdOf(bot.db, 'sam'), await personIdOf(bot.db, 'lee'), await personIdOf(bot.db, 'eve')];
  await addLink(bot.db, ana, sam);
  await addLink(bot.db, ana, lee, { scopes: 'sos,milestones' });
  await addLink(bot.db, ana, eve, { endedAt: new Date('2026-03-01T00:00:00Z') });
  return { bot, fake, ana, sam, lee, eve };
}

const to = (as: string) => `test:${as}`;
const times = (calls: SendCall[]) => calls.map((c) => c.at.toISOString());

function kindsTo(fake: InProcessPlatform, as: string, kind: MessageKind): SendCall[] {
  return fake.deliveredTo(to(as), kind);
}

describe('prompt, reminder, grace, alert', () => {
  it('a day without a check-in: prompt at 20:00, reminder at 22:00, one alert per alerts-supporter at 08:00 next day', async () => {
    const { bot, fake } = await world();
    await simulate(bot, '2026-03-11T12:00:00Z');

    expect(times(kindsTo(fake, 'ana', 'prompt'))).toEqual(['2026-03-10T19:00:00.000Z']);
    expect(times(kindsTo(fake, 'ana', 'reminder'))).toEqual(['2026-03-10T21:00:00.000Z']);
    const alerts = kindsTo(fake, 'sam', 'alert');
    expect(times(alerts)).toEqual(['2026-03-11T07:00:00.000Z']);
    expect(alerts[0]!.text).toContain('ana');
    expect(alerts[0]!.text).toContain('Tue 10 Mar');
    expect(alerts[0]!.text).toContain('one day');
    // No alert without the alerts scope, none through an ended link, and none for ana herself.
    expect(fake.delivered.filter((c) => c.kind === 'alert').map((c) => c.chatId)).toEqual([to('sam')]);
    expect(fake.duplicates()).toEqual(new Map());
  });

  it('counts consecutive missed days: the alerts say one day, then 2 and 3 days in a row', async () => {
    const { bot, fake } = await world();
    await simulate(bot, '2026-03-13T12:00:00Z', 30 * MINUTE);

    const alerts = kindsTo(fake, 'sam', 'alert');
    expect(times(alerts)).toEqual(['2026-03-11T07:00:00.000Z', '2026-03-12T07:00:00.000Z', '2026-03-13T07:00:00.000Z']);
    expect(alerts.map((a) => /\(([^)]*)\)/.exec(a.text)?.[1])).toEqual(['one day', '2 days in a row now', '3 days in a row now']);
    expect(alerts.map((a) => /for (\w+ \d+ \w+)/.exec(a.text)?.[1])).toEqual(['Tue 10 Mar', 'Wed 11 Mar', 'Thu 12 Mar']);
    expect(fake.delivered.filter((c) => c.kind === 'alert' && c.chatId !== to('sam'))).toEqual([]);
  });

  it('a check-in one millisecond before the grace deadline means no alert', async () => {
    // Prompt at 08:00 local, so the default 12-hour grace ends at 20:00 the same local day.
    const { bot, fake } = await world('2026-03-10T05:00:00Z');
    await bot.say('ana', '/schedule 08:00');
    await simulate(bot, '2026-03-10T18:45:00Z');
    expect(times(kindsTo(fake, 'ana', 'prompt'))).toEqual(['2026-03-10T07:00:00.000Z']);

    bot.clock.set(new Date(Date.parse('2026-03-10T19:00:00Z') - 1));
    expect(await bot.say('ana', '/checkin sober mood:3')).toMatch(/^Checked in for Tue 10 Mar/);
    await simulate(bot, '2026-03-11T06:00:00Z');
    expect(kindsTo(fake, 'sam', 'alert')).toEqual([]);
  });

  it('with no check-in by that deadline the alert comes at the deadline, which never falls before the day has ended', async () => {
    const { bot, fake } = await world('2026-03-10T05:00:00Z');
    await bot.say('ana', '/schedule 08:00');
    await simulate(bot, '2026-03-11T06:00:00Z');
    // 08:00 + 12 hours is 20:00, still Tuesday: the deadline is Tuesday's end, midnight in Berlin.
    expect(times(kindsTo(fake, 'sam', 'alert'))).toEqual(['2026-03-10T23:00:00.000Z']);
  });

  it('a check-in late in the evening of a 07:00 or 02:30 prompt was never reported missing', async () => {
    for (const time of ['07:00', '02:30']) {
      const { bot, fake } = await world('2026-03-10T00:00:00Z');
      await bot.say('ana', `/schedule ${time}`);
      await simulate(bot, '2026-03-10T22:45:00Z');
      expect(await bot.say('ana', '/checkin sober mood:3')).toMatch(/^Checked in for Tue 10 Mar/);
      await simulate(bot, '2026-03-11T12:00:00Z');
      expect(kindsTo(fake, 'sam', 'alert').filter((a) => a.text.includes('Tue 10 Mar'))).toEqual([]);
      await bot.close();
    }
    bot = null;
  });

  it('a check-in before the reminder cancels the reminder and the alert', async () => {
    const { bot, fake } = await world();
    await simulate(bot, '2026-03-10T20:00:00Z');
    expect(kindsTo(fake, 'ana', 'prompt')).toHaveLength(1);
    await bot.say('ana', '/checkin sober mood:4');
    await simulate(bot, '2026-03-11T12:00:00Z');
    expect(kindsTo(fake, 'ana', 'reminder')).toEqual([]);
    expect(kindsTo(fake, 'sam', 'alert')).toEqual([]);
  });

  it('a reminder already queued is dropped when the check-in arrives before it is sent', async () => {
    const { bot, fake } = await world();
    await simulate(bot, '2026-03-10T20:45:00Z');
    // The reminder is written at 21:00, but the platform is slow to take it.
    bot.clock.set(new Date('2026-03-10T21:00:00Z'));
    expect((await bot.core.tick()).reminders).toBe(1);
    await bot.say('ana', '/checkin sober mood:4');
    await bot.core.dispatcher.flush();
    expect(kindsTo(fake, 'ana', 'reminder')).toEqual([]);
    const row = await bot.db.selectFrom('outbox').select(['status', 'last_error']).where('kind', '=', 'reminder').executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'skipped', last_error: 'checked-in' });
  });
});

describe('quiet hours and urgency', () => {
  it("an alert waits for the end of the supporter's quiet hours; an urgent SOS does not", async () => {
    const { bot, fake, ana, sam } = await world();
    expect(await bot.say('sam', '/quiet 22:00-09:00')).toMatch(/Quiet hours set/);
    await simulate(bot, '2026-03-11T07:30:00Z');
    // The grace deadline passed at 08:00 local, inside sam's quiet hours: the alert waits.
    expect(kindsTo(fake, 'sam', 'alert')).toEqual([]);
    const waiting = await bot.db.selectFrom('outbox').select(['status', 'not_before']).where('kind', '=', 'alert').executeTakeFirstOrThrow();
    expect(waiting).toEqual({ status: 'queued', not_before: '2026-03-11T08:00:00.000Z' });

    // An SOS at 08:30 local goes straight through.
    await enqueueMessage(bot.db, bot.seal, {
      key: `sos:${ana}:test`, topic: 'sos', to: { chatId: to('sam'), kind: 'dm' }, recipientId: sam, aboutId: ana, needs: ['sos'],
      urgent: true, reply: reply('Someone you support is reaching out now.\nPlease get in touch.'), notBefore: bot.clock.now(),
    }, bot.clock.now());
    await bot.core.dispatcher.flush();
    expect(times(kindsTo(fake, 'sam', 'sos'))).toEqual(['2026-03-11T07:30:00.000Z']);
    expect(kindsTo(fake, 'sam', 'alert')).toEqual([]);

    await simulate(bot, '2026-03-11T12:00:00Z');
    expect(times(kindsTo(fake, 'sam', 'alert'))).toEqual(['2026-03-11T08:00:00.000Z']);
  });

  it('a prompt that falls in the person\'s own quiet hours waits until they end', async () => {
    const { bot, fake } = await world();
    await bot.say('ana', '/quiet 19:30-21:00');
    await simulate(bot, '2026-03-10T21:00:00Z');
    expect(times(kindsTo(fake, 'ana', 'prompt'))).toEqual(['2026-03-10T20:00:00.000Z']);
  });
});

describe('pause', () => {
  it('a paused person gets no prompt or reminder and their supporters no alert; prompts return when the pause ends', async () => {
    const { bot, fake } = await world();
    expect(await bot.say('ana', '/pause 7')).toMatch(/^Paused until 2026-03-17/);
    await simulate(bot, '2026-03-13T12:00:00Z', 30 * MINUTE);
    expect(fake.deliveredTo(to('ana')).filter((c) => c.kind === 'prompt' || c.kind === 'reminder')).toEqual([]);
    expect(kindsTo(fake, 'sam', 'alert')).toEqual([]);
    // Pausing never stops the counter: a milestone reached meanwhile is still celebrated.
    expect(kindsTo(fake, 'ana', 'celebration').length).toBeGreaterThan(0);

    // The pause ends on the 17th at 13:00 local; that evening's prompt comes.
    bot.clock.set(new Date('2026-03-17T12:00:00Z'));
    await simulate(bot, '2026-03-17T20:00:00Z');
    expect(times(kindsTo(fake, 'ana', 'prompt'))).toEqual(['2026-03-17T19:00:00.000Z']);
  });

  it('an alert queued before the pause began is not sent during it', async () => {
    const { bot, fake } = await world();
    await bot.say('sam', '/quiet 22:00-09:00');
    await simulate(bot, '2026-03-11T07:30:00Z');
    await bot.say('ana', '/pause 3');
    await simulate(bot, '2026-03-11T12:00:00Z');
    expect(kindsTo(fake, 'sam', 'alert')).toEqual([]);
  });
});

describe('weekly summary and milestones', () => {
  it('the weekly summary arrives once, on Sunday at 18:00 local', async () => {
    const { bot, fake } = await world();
    await bot.say('ana', '/checkin sober mood:4');
    await bot.say('ana', '/goal add call my sponsor twice');
    await bot.say('ana', '/goal add read step one');
    await bot.say('ana', '/goal done 1');
    await simulate(bot, '2026-03-16T12:00:00Z', 30 * MINUTE);
    const summaries = kindsTo(fake, 'ana', 'summary');
    expect(times(summaries)).toEqual(['2026-03-15T17:00:00.000Z']);
    expect(summaries[0]!.text).toContain('Check-ins this week: 1 of');
    // The gentle weekly review of goals: counts only, never the goals' words.
    expect(summaries[0]!.text).toContain('Goals done this week: 1.');
    expect(summaries[0]!.text).toContain('Open goals: 1.');
    expect(summaries[0]!.text).not.toContain('sponsor twice');
  });

  it('the 7-day milestone is celebrated once, however often the scheduler runs', async () => {
    const { bot, fake } = await world();
    // Six days sober today; the seventh is reached tomorrow and noticed with the prompt.
    await bot.say('ana', '/sobriety 2026-03-04');
    const tickThrice = async () => {
      await bot.core.tick();
      await bot.core.tick();
      await Promise.all([bot.core.tick(), bot.core.tick()]);
    };
    await simulate(bot, '2026-03-13T12:00:00Z', 30 * MINUTE, tickThrice);
    const celebrations = kindsTo(fake, 'ana', 'celebration');
    expect(times(celebrations)).toEqual(['2026-03-11T19:00:00.000Z']);
    expect(celebrations[0]!.text).toMatch(/1 week|7 days/);
  });
});

describe('daylight saving, through the real core', () => {
  it('a 20:00 prompt comes at 20:00 local, once a day, across the spring change (Berlin, 29 March 2026)', async () => {
    const { bot, fake } = await world('2026-03-27T12:00:00Z');
    await simulate(bot, '2026-03-31T12:00:00Z', 30 * MINUTE);
    expect(times(kindsTo(fake, 'ana', 'prompt'))).toEqual([
      '2026-03-27T19:00:00.000Z', '2026-03-28T19:00:00.000Z', '2026-03-29T18:00:00.000Z', '2026-03-30T18:00:00.000Z',
    ]);
  });

  it('a 02:30 prompt comes at 03:00 on the day 02:30 does not exist, and once on the day it happens twice', async () => {
    const { bot, fake } = await world('2026-03-27T12:00:00Z');
    await bot.say('ana', '/schedule 02:30');
    await simulate(bot, '2026-03-30T12:00:00Z', 30 * MINUTE);
    expect(times(kindsTo(fake, 'ana', 'prompt'))).toEqual([
      // The 27th was still open and its new time had passed: its prompt comes at once.
      '2026-03-27T12:30:00.000Z',
      '2026-03-28T01:30:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z',
    ]);

    bot.clock.set(new Date('2026-10-23T12:00:00Z'));
    // A check-in brings back the daily prompt (unanswered for months, it had slowed to once a week).
    await bot.say('ana', '/checkin sober');
    await simulate(bot, '2026-10-27T12:00:00Z', 30 * MINUTE);
    const autumn = times(kindsTo(fake, 'ana', 'prompt')).filter((t) => t >= '2026-10');
    // 25 October: 02:30 CEST (00:30Z) and 02:30 CET (01:30Z) both exist; the earlier one, only.
    expect(autumn).toEqual(['2026-10-24T00:30:00.000Z', '2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z', '2026-10-27T01:30:00.000Z']);
  });
});

describe('nothing doubles', () => {
  for (const [name, tickOnce] of [
    ['ticking twice at each instant', (b: TestBot) => async () => { await b.core.tick(); await b.core.tick(); }],
    ['two concurrent ticks at each instant', (b: TestBot) => async () => { await Promise.all([b.core.tick(), b.core.tick()]); }],
  ] as const) {
    it(`${name} sends each prompt, reminder, alert and summary once`, async () => {
      const { bot, fake } = await world();
      // An open goal gives the week something to summarise, though no check-in came.
      await bot.say('ana', '/goal add call my sponsor');
      await simulate(bot, '2026-03-16T12:00:00Z', 30 * MINUTE, tickOnce(bot));
      expect(fake.duplicates()).toEqual(new Map());
      expect(kindsTo(fake, 'ana', 'prompt')).toHaveLength(6);
      expect(kindsTo(fake, 'ana', 'reminder')).toHaveLength(6);
      expect(kindsTo(fake, 'sam', 'alert')).toHaveLength(6);
      expect(kindsTo(fake, 'ana', 'summary')).toHaveLength(1);
      const rows = await bot.db.selectFrom('outbox').select('idem_key').execute();
      expect(new Set(rows.map((r) => r.idem_key)).size).toBe(rows.length);
    });
  }
});

describe('discretion', () => {
  it('the first two lines of every message the bot starts name no addiction, relapse, sexual or sobriety term', async () => {
    const { bot, fake } = await world();
    await bot.onboard('pat', 'partner', ZONE);
    await bot.say('ana', '/sobriety 2026-03-04');
    await simulate(bot, '2026-03-16T12:00:00Z', 30 * MINUTE);

    const started = fake.delivered.filter((c) => c.kind !== 'reply');
    const kinds = new Set(started.map((c) => c.kind));
    for (const k of ['prompt', 'reminder', 'alert', 'celebration', 'summary'] as const) expect(kinds).toContain(k);
    const offending = started.map((c) => ({ kind: c.kind, lockScreen: lockScreenOf(c.text), terms: indiscreetTermsIn(lockScreenOf(c.text)) }))
      .filter((o) => o.terms.length > 0);
    expect(offending).toEqual([]);
    // The check itself sees such a term where it is.
    expect(indiscreetTermsIn('Did you relapse today?')).toEqual(['relapse']);
  });
});

