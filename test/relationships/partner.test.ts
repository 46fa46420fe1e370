// Partners first: a betrayed partner receives only what they asked for, and can pause it.
// (The couple's shared FANOS check-in: fanos.test.ts.)
import { afterEach, describe, expect, it } from 'vitest';
import { ALL_SCOPES, createWorld, HOUR, liveDays, type Actor, type World } from './world.js';
import type { SendCall } from '../helpers/in-process-platform.js';

const NOTE = 'I told my therapist about the hotel';

let world: World | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

/** Alice in recovery; Pat, her partner; Sam, a sponsor who is given everything (the control). */
async function couple() {
  const w = await createWorld();
  world = w;
  const alice = w.actor('Alice');
  const pat = w.actor('Pat');
  const sam = w.actor('Sam');
  await w.onboard(alice, 'recovery');
  await w.onboard(pat, 'partner');
  await w.onboard(sam, 'supporter');
  expect(await w.link(alice, pat, 'partner')).toContain('Nothing reaches you until you choose');
  await w.link(alice, sam);
  // Alice shares everything with both: what reaches Pat is Pat's own choice.
  expect(await w.say(alice, `/share Pat ${ALL_SCOPES}`)).toContain('Pat receives now: nothing yet.');
  expect(await w.say(alice, `/share Sam ${ALL_SCOPES}`)).toContain('Sam receives now: missed check-in alerts, SOS calls, milestone news, daily status (sober yes/no), mood and notes.');
  await w.deliver();
  return { w, alice, pat, sam };
}

/** One day of Alice's month: relapses, misses, SOS calls and sober days with notes. */
type Plan = 'sober' | 'relapse' | 'miss' | 'sos';

async function aliceDoes(w: World, alice: Actor, plan: Plan) {
  if (plan === 'miss') return;
  if (plan === 'sos') await w.send(alice, '/sos');
  const status = plan === 'relapse' ? 'relapse mood:2' : 'sober mood:4';
  const answer = await w.say(alice, `/checkin ${status} note:${NOTE}`);
  expect(answer).toMatch(/Checked in|Updated/);
}

/** News about Alice (not the questions Alice's choices raise for Pat, which say only who asks). */
function aboutAlice(d: SendCall): boolean {
  return d.text.includes('Alice') && !/^A (note|question) from Alice\./.test(d.text);
}

/** A question Alice's choices raised for Pat (asked once, with buttons): it says who asks, and no news. */
function question(d: SendCall): boolean {
  return /^A (note|question) from Alice\./.test(d.text);
}

/** What Pat's own account legitimately receives: their own prompts, reminders and weekly summary, and Alice's questions. */
function ownMessage(d: SendCall): boolean {
  return (['prompt', 'reminder', 'summary'].includes(d.kind) && !aboutAlice(d)) || question(d);
}

describe('a partner who chose nothing', () => {
  it('receives nothing about Alice through a month of relapses, misses, milestones and SOS calls', async () => {
    const { w, alice, pat, sam } = await couple();
    const plans: Plan[] = [];
    await liveDays(w, '2026-03-10', 30, async (i) => {
      // Relapses every six days in the first half, then a long sober stretch (milestones 7 and 14); misses throughout.
      const plan: Plan = i % 6 === 4 ? 'miss' : i < 15 && i % 6 === 2 ? 'relapse' : i % 9 === 5 ? 'sos' : 'sober';
      plans.push(plan);
      await aliceDoes(w, alice, plan);
    });
    expect(plans.filter((p) => p === 'relapse').length).toBeGreaterThanOrEqual(3);

    // The month did produce every kind of news: the control sponsor saw all of it.
    const samGot = w.inbox(sam.account).filter(aboutAlice);
    expect(samGot.filter((d) => d.kind === 'alert').length).toBeGreaterThanOrEqual(4);
    expect(samGot.filter((d) => d.kind === 'sos').length).toBeGreaterThanOrEqual(2);
    expect(samGot.filter((d) => d.kind === 'celebration').length).toBeGreaterThanOrEqual(3);
    expect(samGot.filter((d) => d.text.includes('A relapse;')).length).toBeGreaterThanOrEqual(3);
    expect(samGot.filter((d) => d.text.includes(NOTE)).length).toBeGreaterThan(10);

    // Pat received only their own prompts and summaries: nothing about Alice, ever.
    const patGot = w.inbox(pat.account);
    expect(patGot.length).toBeGreaterThan(0);
    expect(patGot.filter((d) => !ownMessage(d)).map((d) => [d.kind, d.text])).toEqual([]);
    // Alice shared everything with Pat: Pat was asked, once each, whether to receive it and whether to be on call.
    expect(patGot.filter(question).map((d) => d.text.split('\n')[0])).toEqual(['A note from Alice.', 'A question from Alice.']);
    const patId = await w.personId(pat);
    const aliceId = await w.personId(alice);
    const sentToPat = await w.db.selectFrom('outbox').select(['idem_key', 'status'])
      .where('recipient_id', '=', patId).where('about_id', '=', aliceId).where('status', '=', 'sent').execute();
    expect(sentToPat).toEqual([]);
  });
});

describe('a partner who chose relapse notices', () => {
  it('receives only relapse notices, after the window or /disclose, and none while paused', async () => {
    const { w, alice, pat, sam } = await couple();
    expect(await w.say(pat, '/receive relapse')).toContain('You will receive now: relapse notices.');
    const relapses: { day: number; at: Date }[] = [];
    await liveDays(w, '2026-03-10', 12, async (i, date) => {
      const plan: Plan = [2, 6, 8, 10].includes(i) ? 'relapse' : i === 4 ? 'miss' : i === 5 ? 'sos' : 'sober';
      await aliceDoes(w, alice, plan);
      if (plan === 'relapse') relapses.push({ day: i, at: w.bot.clock.now() });
      if (i === 6) expect(await w.say(alice, '/disclose')).toContain('I am letting them know now');
      if (i === 8) {
        // The notice of day 8 is already waiting when Pat pauses receiving.
        w.at(`${date}T15:00:00Z`);
        expect(await w.say(pat, '/receive pause')).toContain('Receiving is paused');
      }
    });

    const notices = w.inbox(pat.account).filter(aboutAlice);
    // Day 2 after the 24-hour window; day 6 at once, through /disclose; days 8 and 10 not at all (paused).
    expect(notices.map((d) => d.text.split('\n').slice(1, 3).join(' '))).toEqual([
      'Thu 12 Mar, as they shared it: A relapse; they have started again.', 'Mon 16 Mar, as they shared it: A relapse; they have started again.',
    ]);
    expect(notices[0]!.at.getTime() - relapses[0]!.at.getTime()).toBeGreaterThanOrEqual(24 * HOUR);
    expect(notices[1]!.at.getTime()).toBe(relapses[1]!.at.getTime());
    for (const d of notices) {
      expect(d.text).not.toContain(NOTE);
      expect(d.text).not.toMatch(/mood/i);
    }
    expect(w.inbox(pat.account).filter((d) => !ownMessage(d) && !notices.includes(d))).toEqual([]);
    // The control sponsor heard about all four relapses, the miss and the SOS.
    const sam4 = w.inbox(sam.account).filter((d) => d.text.includes('A relapse;'));
    expect(sam4).toHaveLength(4);
    expect(w.inbox(sam.account).filter((d) => d.kind === 'alert' || d.kind === 'sos').length).toBeGreaterThanOrEqual(2);
    // The held notice of day 8 was stopped at send time.
    const held = await w.db.selectFrom('outbox').select(['status', 'last_error']).where('topic', '=', 'status')
      .where('about_date', '=', '2026-03-18').where('tells_status', '=', 'relapse').where('chat_id', '=', pat.account).execute();
    expect(held).toEqual([{ status: 'skipped', last_error: 'withheld' }]);
  });

  it('a partner at "sobriety yes/no" gets the status but never the mood or the note', async () => {
    const { w, alice, pat } = await couple();
    await w.say(pat, '/receive status');
    await w.say(alice, `/checkin sober mood:5 feeling:proud note:${NOTE}`);
    await w.say(alice, '/checkin done');
    await w.send(alice, '/sos');
    await w.send(alice, '/sobriety 2026-03-03');
    await w.deliver();
    const got = w.inbox(pat.account).filter(aboutAlice);
    expect(got.map((d) => d.text)).toEqual(['A check-in from Alice.\nTue 10 Mar, as they shared it:\nA sober day ✓.']);
  });
});
