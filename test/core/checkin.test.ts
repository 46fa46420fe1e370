// The daily check-in as a person lives it, through the real core and a SQLite file.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/ports/reply.js';
import { saveCheckin } from '../../src/store/checkins.js';
import { ENCOURAGEMENTS } from '../../src/messages/encouragement.js';
import { createTestBot, DAY_MS, daysBefore, type TestBot, type TestBotOptions } from '../helpers/core-harness.js';

const TODAY = '2026-03-10';
const NOON = `${TODAY}T12:00:00Z`;

let bot: TestBot | null = null;
async function start(opts: TestBotOptions = {}): Promise<TestBot> {
  bot = await createTestBot({ at: NOON, ...opts });
  return bot;
}
afterEach(async () => {
  await bot?.close();
  bot = null;
});

function buttonsOf(replies: Reply[]) {
  return replies.flatMap((r) => (r.buttons ?? []).flat());
}

function press(replies: Reply[], label: string): string {
  const b = buttonsOf(replies).find((x) => x.label === label);
  if (!b) throw new Error(`no button "${label}" among ${buttonsOf(replies).map((x) => x.label).join(', ')}`);
  return b.command;
}

/** The encouragement is the paragraph after the check-in line. */
function encouragementIn(text: string): string {
  return text.split('\n\n')[1] ?? '';
}

describe('one check-in per local date', () => {
  it('a second check-in the same day updates the first and keeps what it did not mention', async () => {
    const b = await start();
    await b.onboard('ana', 'recovery', 'Europe/Berlin');
    expect(await b.say('ana', '/checkin sober mood:4 feeling:calm did:meeting,journaling note:first words'))
      .toMatch(/^Checked in for Tue 10 Mar: sober · mood 4 \(calm\) · group meeting, journaling · private note saved\./);

    b.advance(3 * 3_600_000);
    expect(await b.say('ana', '/checkin mood:2')).toMatch(/^Updated your check-in for Tue 10 Mar: sober · mood 2 \(calm\)/);

    const { checkins } = await b.exported('ana');
    expect(checkins).toHaveLength(1);
    expect(checkins[0]).toMatchObject({
      local_date: TODAY, status: 'sober', mood: 2, feeling: 'calm', healing_work: 'meeting,journaling', note: 'first words',
    });
  });

  it('the next local day gets its own record', async () => {
    const b = await start();
    await b.onboard('ana', 'partner', 'UTC');
    await b.say('ana', '/checkin mood:3');
    b.advance(DAY_MS);
    expect(await b.say('ana', '/checkin mood:4')).toMatch(/^Checked in for Wed 11 Mar/);
    const { checkins } = await b.exported('ana');
    expect(checkins.map((c: { local_date: string; mood: number }) => [c.local_date, c.mood])).toEqual([[TODAY, 3], ['2026-03-11', 4]]);
  });

  // Local midnight far from UTC: UTC+14 (the date there is ahead of UTC) and UTC−11 (behind it).
  it.each([
    { zone: 'Pacific/Kiritimati', lateEvening: '2026-03-10T09:59:00Z', justAfterMidnight: '2026-03-10T10:01:00Z' },
    { zone: 'Pacific/Pago_Pago', lateEvening: '2026-03-11T10:59:00Z', justAfterMidnight: '2026-03-11T11:01:00Z' },
  ])('in $zone, 23:59 counts for that day and 00:01 for the next', async ({ zone, lateEvening, justAfterMidnight }) => {
    const local = (iso: string) => new Intl.DateTimeFormat('sv-SE', {
      timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    }).format(new Date(iso));
    // The instants are what the test claims, by the platform's own time zone data.
    expect(local(lateEvening)).toBe('2026-03-10 23:59');
    expect(local(justAfterMidnight)).toBe('2026-03-11 00:01');

    const b = await start({ at: '2026-03-09T12:00:00Z' });
    await b.onboard('kai', 'recovery', zone);
    b.clock.set(new Date(lateEvening));
    expect(await b.say('kai', '/checkin sober mood:4')).toMatch(/^Checked in for Tue 10 Mar/);
    b.clock.set(new Date(justAfterMidnight));
    expect(await b.say('kai', '/checkin sober mood:3')).toMatch(/^Checked in for Wed 11 Mar/);

    const { checkins } = await b.exported('kai');
    expect(checkins.map((c: { local_date: string; mood: number }) => [c.local_date, c.mood])).toEqual([['2026-03-10', 4], ['2026-03-11', 3]]);
  });
});

describe('relapse and sobriety periods', () => {
  it('a relapse starts a new period; the longest and total days are kept', async () => {
    const b = await start();
    await b.onboard('ben', 'recovery', 'UTC');
    await b.say('ben', `/sobriety ${daysBefore(TODAY, 10)}`);
    expect(await b.say('ben', '/progress')).toContain(`Sober: 10 days (since ${daysBefore(TODAY, 10)})`);

    const text = await b.say('ben', '/checkin relapse mood:2');
    expect(text).toMatch(/^Checked in for Tue 10 Mar: relapse · mood 2/);
    expect(text).toContain('Your new sobriety date is today. Your longest and total sober days still count.');
    expect(text).not.toMatch(/shame|failed|failure/i);

    const progress = await b.say('ben', '/progress');
    expect(progress).toContain(`Sober: 0 days (since ${TODAY})`);
    // The relapse day is day 0 of the new period: the one before ended the day before, where
    // its counter reached 9. Longest never claims a day the counter did not reach.
    expect(progress).toContain('Longest: 9 days · Total sober: 9 days');

    b.advance(3 * DAY_MS);
    const later = await b.say('ben', '/progress');
    expect(later).toContain(`Sober: 3 days (since ${TODAY})`);
    expect(later).toContain('Longest: 9 days · Total sober: 12 days');
  });

  it('correcting today\'s relapse to sober restores the sobriety date', async () => {
    const b = await start();
    await b.onboard('ben', 'recovery', 'UTC');
    const date = daysBefore(TODAY, 10);
    await b.say('ben', `/sobriety ${date}`);
    await b.say('ben', '/checkin relapse mood:2');
    expect(await b.say('ben', '/sobriety')).toContain(`Your sobriety date is ${TODAY}`);

    const text = await b.say('ben', '/checkin sober');
    expect(text).toMatch(/^Updated your check-in for Tue 10 Mar: sober · mood 2/);
    expect(text).toContain('Your sobriety date is back to what it was before.');
    expect(await b.say('ben', '/sobriety')).toContain(`Your sobriety date is ${date} (10 days)`);
    const progress = await b.say('ben', '/progress');
    expect(progress).toContain(`Sober: 10 days (since ${date})`);
    expect(progress).toContain('Longest: 10 days · Total sober: 10 days');
    expect((await b.exported('ben')).sobriety_periods).toHaveLength(1);
  });

  it('a middle-circle day is not a relapse', async () => {
    const b = await start();
    await b.onboard('ben', 'recovery', 'UTC');
    await b.say('ben', `/sobriety ${daysBefore(TODAY, 5)}`);
    expect(await b.say('ben', '/checkin middle mood:3')).toMatch(/^Checked in for Tue 10 Mar: middle circle · mood 3/);
    expect(await b.say('ben', '/progress')).toContain(`Sober: 5 days (since ${daysBefore(TODAY, 5)})`);
  });
});

describe('milestones', () => {
  const celebrations = (text: string) => text.match(/🎉 7 days today/g)?.length ?? 0;

  it('a 7-day sobriety is celebrated once, not again on the next check-in', async () => {
    const b = await start();
    await b.onboard('cam', 'recovery', 'UTC');
    const first = await b.say('cam', `/sobriety ${daysBefore(TODAY, 7)}`);
    expect(first).toContain('7 days sober');
    expect(celebrations(first)).toBe(1);
    // The smaller milestones passed at the same time are not celebrated out of order.
    expect(first).not.toMatch(/🎉 (1 day|3 days) today/);

    expect(celebrations(await b.say('cam', '/checkin sober mood:4'))).toBe(0);
    expect(celebrations(await b.say('cam', '/checkin mood:5'))).toBe(0);
    expect(celebrations(await b.say('cam', `/sobriety ${daysBefore(TODAY, 7)}`))).toBe(0);
    b.advance(DAY_MS);
    expect(celebrations(await b.say('cam', '/checkin sober mood:4'))).toBe(0);
  });

  it('moving the sobriety date earlier within the same period does not celebrate 7 days again', async () => {
    const b = await start();
    await b.onboard('cam', 'recovery', 'UTC');
    expect(celebrations(await b.say('cam', `/sobriety ${daysBefore(TODAY, 7)}`))).toBe(1);
    expect(celebrations(await b.say('cam', `/sobriety ${daysBefore(TODAY, 8)}`))).toBe(0);
  });

  it('reaching 14 days by checking in celebrates 14 days on that day only', async () => {
    const b = await start();
    await b.onboard('cam', 'recovery', 'UTC');
    await b.say('cam', `/sobriety ${daysBefore(TODAY, 13)}`);
    expect(await b.say('cam', '/checkin sober mood:4')).not.toContain('🎉 14 days');
    b.advance(DAY_MS);
    expect(await b.say('cam', '/checkin sober mood:4')).toContain('🎉 14 days today. Two weeks of sobriety');
    expect(await b.say('cam', '/checkin did:meeting')).not.toContain('🎉');
  });
});


describe('roles', () => {
  it('a partner cannot send a sober or relapse answer; nothing is recorded', async () => {
    const b = await start();
    await b.onboard('pia', 'partner', 'UTC');
    for (const line of ['/checkin sober mood:4', '/checkin relapse mood:2', '/checkin middle']) {
      expect(await b.say('pia', line)).toMatch(/no sober\/relapse answer.*\/checkin mood:3 did:selfcare/s);
    }
    expect((await b.exported('pia')).checkins).toEqual([]);
    expect(await b.say('pia', '/checkin mood:3 did:selfcare')).toMatch(/^Checked in for Tue 10 Mar: mood 3 · self-care/);
    const { checkins, sobriety_periods } = await b.exported('pia');
    expect(checkins[0].status).toBeNull();
    expect(sobriety_periods).toEqual([]);
  });
});

describe('guided check-in', () => {
  it('the buttons under each answer, pressed in turn, record the check-in', async () => {
    const b = await start();
    await b.onboard('eli', 'recovery', 'UTC');
    let replies = await b.send('eli', '/checkin');
    expect(replies[0]!.text).toContain('Did you stay sober');
    expect(buttonsOf(replies).map((x) => x.command)).toEqual(['/checkin sober', '/checkin middle', '/checkin relapse']);
    expect((await b.exported('eli')).checkins).toEqual([]);

    replies = await b.send('eli', press(replies, 'Sober'));
    expect(buttonsOf(replies).map((x) => x.label)).toEqual(['1', '2', '3', '4', '5']);
    replies = await b.send('eli', press(replies, '4'));
    expect(replies[0]!.text).toMatch(/sober · mood 4/);
    replies = await b.send('eli', press(replies, 'group meeting'));
    expect(buttonsOf(replies).map((x) => x.label)).toContain('✓ group meeting');
    replies = await b.send('eli', press(replies, 'Done'));

    const { checkins } = await b.exported('eli');
    expect(checkins).toHaveLength(1);
    expect(checkins[0]).toMatchObject({ local_date: TODAY, status: 'sober', mood: 4, healing_work: 'meeting' });
  });

  it('"Done" closes the check-in with one short summary: no menu, no second encouragement', async () => {
    const b = await start();
    await b.onboard('eli', 'recovery', 'UTC');
    let replies = await b.send('eli', '/checkin');
    replies = await b.send('eli', press(replies, 'Sober'));
    replies = await b.send('eli', press(replies, '4'));
    expect(encouragementIn(replies[0]!.text).length).toBeGreaterThan(20);
    replies = await b.send('eli', press(replies, 'exercise'));
    replies = await b.send('eli', press(replies, 'Done'));
    expect(replies.map((r) => r.text)).toEqual(['Your check-in for Tue 10 Mar is complete: sober · mood 4 · exercise.']);
    expect(buttonsOf(replies)).toEqual([]);
  });

  it('"Done" before the check-in was complete closes it with its one encouragement', async () => {
    const b = await start();
    await b.onboard('eli', 'recovery', 'UTC');
    let replies = await b.send('eli', '/checkin');
    replies = await b.send('eli', press(replies, 'Sober'));
    expect(replies[0]!.text).not.toContain('\n\n\n');
    replies = await b.send('eli', '/checkin done');
    const [summary, encouragement, ...rest] = replies[0]!.text.split('\n\n');
    expect(summary).toBe('Your check-in for Tue 10 Mar is complete: sober.');
    expect(encouragement!.length).toBeGreaterThan(20);
    expect(rest).toEqual([]);
    expect(buttonsOf(replies)).toEqual([]);
  });

  it('each step asks its question in words, with its buttons; after "Relapse" the mood buttons come with the mood question', async () => {
    for (const [role, first] of [['recovery', 'Relapse'], ['recovery', 'Middle circle'], ['partner', '2']] as const) {
      const b = await start();
      await b.onboard('eli', role, 'UTC');
      let replies = await b.send('eli', '/checkin');
      let label: string | null = first;
      for (let step = 0; label !== null && step < 6; step += 1) {
        replies = await b.send('eli', press(replies, label));
        const text = replies[0]!.text;
        const labels = buttonsOf(replies).map((x) => x.label);
        if (labels.includes('1')) expect(text, `${role}: ${text}`).toContain('How is your mood, from 1 (very low) to 5 (very good)?');
        if (labels.includes('No')) expect(text).toContain('Do you feel safe today?');
        if (labels.includes('Done')) expect(text).toContain('Any healing work today?');
        label = labels.includes('1') ? '2' : labels.includes('No') ? 'Yes, I feel safe' : null;
      }
      expect(replies[0]!.text).toContain('Any healing work today?');
      await b.close();
    }
    bot = null;
  });

  it('a partner is asked for a mood first', async () => {
    const b = await start();
    await b.onboard('pia', 'partner', 'UTC');
    const replies = await b.send('pia', '/checkin');
    expect(replies[0]!.text).toMatch(/How are you feeling, from 1/);
    await b.send('pia', press(replies, '3'));
    expect((await b.exported('pia')).checkins[0]).toMatchObject({ mood: 3, status: null });
  });

  it('plain text after "/checkin note" becomes the note, and /export holds it', async () => {
    const b = await start();
    await b.onboard('eli', 'recovery', 'UTC');
    await b.say('eli', '/checkin sober mood:4');
    expect(await b.say('eli', '/checkin note')).toMatch(/Write your note as your next message/);
    const note = 'Called my sponsor before the party, and left early.';
    expect(await b.say('eli', note)).toMatch(/^Updated your check-in for Tue 10 Mar: sober · mood 4 · private note saved/);
    // The question was answered: the next plain text is not taken as a note.
    expect(await b.say('eli', 'thanks')).toMatch(/start with a slash/);

    const data = await b.exported('eli');
    expect(data.checkins[0].note).toBe(note);
    expect(data.person.awaiting).toBeNull();
  });
});

describe('nothing answered', () => {
  it('pressing Done before answering anything records no check-in', async () => {
    const b = await start();
    await b.onboard('hal', 'recovery', 'UTC');
    expect(await b.say('hal', '/checkin done')).not.toMatch(/^Checked in/);
    expect((await b.exported('hal')).checkins).toEqual([]);
    expect(await b.say('hal', '/progress')).toContain('Check-in streak: 0 days');
  });
});

describe('redelivered updates', () => {
  it('the same idempotency key handled twice changes state once', async () => {
    const b = await start();
    await b.onboard('fay', 'recovery', 'UTC');
    const first = await b.send('fay', '/checkin sober mood:4 note:once', { idempotencyKey: 'telegram-update-1001' });
    expect(first.length).toBeGreaterThan(0);
    const before = await b.exported('fay');

    expect(await b.send('fay', '/checkin sober mood:4 note:once', { idempotencyKey: 'telegram-update-1001' })).toEqual([]);
    expect(await b.send('fay', '/checkin relapse mood:1', { idempotencyKey: 'telegram-update-1001' })).toEqual([]);
    expect(await b.exported('fay')).toEqual(before);
    expect(before.checkins[0]).toMatchObject({ status: 'sober', mood: 4, note: 'once' });

    expect(await b.send('fay', '/checkin mood:5', { idempotencyKey: 'telegram-update-1002' })).not.toEqual([]);
  });
});

describe('encouragement', () => {
  it.each([
    { role: 'recovery' as const, line: '/checkin sober mood:4', window: 10 },
    { role: 'partner' as const, line: '/checkin mood:4', window: 6 },
  ])('a $role person sees no repeat within $window daily check-ins', async ({ role, line, window }) => {
    const b = await start();
    await b.onboard('gus', role, 'UTC');
    const seen: string[] = [];
    for (let day = 0; day < 10; day += 1) {
      const text = await b.say('gus', line);
      expect(text).toMatch(/^Checked in for/);
      const e = encouragementIn(text);
      expect(e.length).toBeGreaterThan(20);
      seen.push(e);
      b.advance(DAY_MS);
    }
    for (let i = 0; i + window <= seen.length; i += 1) {
      expect(new Set(seen.slice(i, i + window)).size).toBe(window);
    }
  });
});

describe('what was shown, remembered without saying why', () => {
  it('with a key, the record of encouragements seen holds keyed tags, not ids that name a hard day; still no repeats', async () => {
    const b = await start({ dataKey: randomBytes(32) });
    await b.onboard('kai', 'recovery', 'UTC');
    const seen: string[] = [];
    for (let day = 0; day < 6; day += 1) {
      seen.push(encouragementIn(await b.say('kai', day % 2 ? '/checkin relapse mood:2' : '/checkin middle mood:2')));
      b.advance(DAY_MS);
    }
    expect(new Set(seen).size).toBe(6);
    const rows = await b.db.selectFrom('encouragement_seen').select('message_id').execute();
    expect(rows).toHaveLength(6);
    for (const r of rows) expect(ENCOURAGEMENTS.map((e) => e.id)).not.toContain(r.message_id);
  });
});

describe('counters over a long history', () => {
  it('a streak longer than the weeks read at first is counted whole, and a return after a long gap is known as one', async () => {
    const b = await start();
    await b.onboard('hal', 'partner', 'UTC');
    const id = (await b.db.selectFrom('accounts').select('person_id').where('id', '=', 'test:hal').executeTakeFirstOrThrow()).person_id;
    const day = (date: string) => ({ localDate: date as never, zone: 'UTC' as never, status: null, mood: 3 as const, feeling: null, healingWork: [], safe: null, note: null, at: new Date(NOON) });
    // 150 days in a row up to yesterday, and one check-in 400 days ago.
    for (let i = 1; i <= 150; i += 1) await saveCheckin(b.db, b.seal, id, day(daysBefore(TODAY, i)));
    await saveCheckin(b.db, b.seal, id, day(daysBefore(TODAY, 400)));
    await b.say('hal', '/checkin mood:4');
    expect(await b.say('hal', '/progress')).toContain('Check-in streak: 151 days');
    // Someone whose last check-in was long before the weeks read is welcomed back as such.
    await b.onboard('ivy', 'partner', 'UTC');
    const ivy = (await b.db.selectFrom('accounts').select('person_id').where('id', '=', 'test:ivy').executeTakeFirstOrThrow()).person_id;
    await saveCheckin(b.db, b.seal, ivy, day(daysBefore(TODAY, 90)));
    const back = encouragementIn(await b.say('ivy', '/checkin mood:4'));
    const welcomeBack = ENCOURAGEMENTS.filter((e) => e.roles.includes('partner') && e.situations.includes('missed-days')).map((e) => e.text);
    expect(welcomeBack).toContain(back);
  });
});
