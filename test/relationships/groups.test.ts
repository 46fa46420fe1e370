// Accountability groups: a roll call that names only those who agreed (and counts only when that singles no one out), milestone
// celebrations only for those who agreed, and never any check-in content or any sign of
// who missed. Sensitive commands typed in a group are answered privately.
import { afterEach, describe, expect, it } from 'vitest';
import { createWorld, liveDays, type Actor, type World } from './world.js';
import type { SendCall } from '../helpers/in-process-platform.js';

const GROUP = { id: 'telegram:-100777', kind: 'group' as const, title: 'Tuesday night group' };

let world: World | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

/**
 * Gail (an admin, not a member) sets the group up. Members, all on Telegram:
 * Zorana — named, celebrated; checks in every day, some days a relapse.
 * Quillon — named, not celebrated; misses every other day.
 * Vexmo — not named (turned celebrations on, then off); checks in every day.
 * Tarquin — named; never checks in.
 */
async function setUp() {
  const w = await createWorld();
  world = w;
  const gail = w.actor('Gail', 'telegram:300');
  const [zorana, quillon, vexmo, tarquin] = (['Zorana', 'Quillon', 'Vexmo', 'Tarquin'] as const)
    .map((n, i) => w.actor(n, `telegram:${201 + i}`)) as [Actor, Actor, Actor, Actor];
  await w.onboard(gail, 'supporter');
  expect(await w.say(gail, '/group setup 20:00', { chat: GROUP, senderIsGroupAdmin: true })).toContain('This is now an accountability group');
  for (const m of [zorana, quillon, vexmo, tarquin]) {
    await w.onboard(m, 'recovery');
    expect(await w.say(m, '/group join', { chat: GROUP })).toContain('Welcome');
  }
  for (const m of [zorana, quillon, tarquin]) expect(await w.say(m, '/group name on', { chat: GROUP })).toContain('Your name will appear in the roll call on days you check in');
  expect(await w.say(zorana, '/group celebrate on', { chat: GROUP })).toContain('celebrated in this group');
  await w.say(vexmo, '/group celebrate on', { chat: GROUP });
  expect(await w.say(vexmo, '/group celebrate off', { chat: GROUP })).toContain('stay private from this group');
  const groupMessages = () => w.all().filter((d) => d.chatId === GROUP.id);
  return { w, gail, zorana, quillon, vexmo, tarquin, groupMessages };
}

const dateOf = (d: SendCall) => d.at.toISOString().slice(0, 10);

/** How many milestones a person has had celebrated (in their check-in answer or their DM). */
async function celebrated(w: World, who: Actor): Promise<number> {
  const rows = await w.db.selectFrom('milestones').select('days')
    .where('person_id', '=', await w.personId(who)).where('celebrated', '=', 1).execute();
  return rows.length;
}

describe('a week in an accountability group', () => {
  it('roll calls name only those who agreed, and never show content, who missed, or whether an unnamed member checked in', async () => {
    const { w, zorana, quillon, vexmo, groupMessages } = await setUp();
    const missedBy: Record<string, string[]> = {};
    const secrets: string[] = [];
    await liveDays(w, '2026-03-10', 7, async (i, date) => {
      missedBy[date] = ['Tarquin'];
      const zNote = `ZORANA-NOTE-${i}`;
      const vNote = `VEXMO-NOTE-${i}`;
      secrets.push(zNote, vNote);
      await w.send(zorana, `/checkin ${i % 3 === 1 ? 'relapse' : 'sober'} mood:${(i % 5) + 1} feeling:fragile note:${zNote}`);
      await w.send(vexmo, `/checkin sober mood:4 feeling:steady note:${vNote}`);
      if (i % 2 === 1) missedBy[date]!.push('Quillon');
      else {
        secrets.push(`QUILLON-NOTE-${i}`);
        await w.send(quillon, `/checkin middle mood:2 feeling:shaky note:QUILLON-NOTE-${i}`);
      }
    });

    const messages = groupMessages();
    const rollCalls = messages.filter((d) => d.text.startsWith('Roll call:'));
    expect(messages.filter((d) => d.text.startsWith("Time for today's check-in"))).toHaveLength(7);
    expect(rollCalls).toHaveLength(7);
    for (const r of rollCalls) {
      // Vexmo, the one member not named, is never counted aloud: a count would tell whether he checked in.
      const quillonMissed = missedBy[dateOf(r)]!.includes('Quillon');
      expect(r.text.split('\n')[0]).toMatch(quillonMissed ? /^Roll call: Zorana checked in today\.$/ : /^Roll call: (Zorana and Quillon|Quillon and Zorana) checked in today\.$/);
    }

    for (const d of messages) {
      expect(d.private).toBe(false);
      for (const s of secrets) expect(d.text).not.toContain(s);
      expect(d.text).not.toMatch(/relapse|sober|middle|mood|fragile|steady|shaky|missed|note/i);
      // Vexmo agreed to nothing; Tarquin never checked in; Quillon is never named on a day he missed.
      expect(d.text).not.toContain('Vexmo');
      expect(d.text).not.toContain('Tarquin');
      if (missedBy[dateOf(d)]?.includes('Quillon')) expect(d.text).not.toContain('Quillon');
    }
    // Milestones were reached all week, by Quillon and Vexmo too; none of theirs showed in the group.
    expect(await celebrated(w, quillon)).toBeGreaterThan(0);
    expect(await celebrated(w, vexmo)).toBeGreaterThan(0);
    expect(messages.filter((d) => d.text.includes('reached a milestone')).length).toBeGreaterThan(0);
  });

  it('celebrates milestones in the group only for members who turned celebrations on', async () => {
    const { w, zorana, quillon, vexmo, tarquin, groupMessages } = await setUp();
    await liveDays(w, '2026-03-10', 8, async () => {
      for (const m of [zorana, quillon, vexmo]) await w.send(m, '/checkin sober mood:4');
    });
    // Everyone reached and celebrated milestones (1, 3 and 7 sober days; a 7-day streak) for themselves…
    for (const m of [zorana, quillon, vexmo, tarquin]) expect(await celebrated(w, m)).toBeGreaterThanOrEqual(3);
    // …but only Zorana's were celebrated in the group.
    const celebrations = groupMessages().filter((d) => d.text.includes('reached a milestone'));
    expect(celebrations.length).toBeGreaterThanOrEqual(3);
    for (const d of celebrations) expect(d.text).toMatch(/^🎉 Zorana reached a milestone: /);
  });

  it('a celebration already queued for the group is not sent after the member turns celebrations off', async () => {
    const { w, zorana, groupMessages } = await setUp();
    await w.send(zorana, '/sobriety 2026-03-03');
    expect(await w.say(zorana, '/group celebrate off', { chat: GROUP })).toContain('stay private from this group');
    await w.deliver();
    expect(groupMessages().filter((d) => d.text.includes('Zorana'))).toEqual([]);
  });

  it('/group leave in a private chat offers one\'s groups as buttons; once left, the roll call no longer names them', async () => {
    const { w, zorana, groupMessages } = await setUp();
    const other = { id: 'telegram:-100888', kind: 'group' as const, title: 'Thursday group' };
    await w.say(w.actor('Gail', 'telegram:300'), '/group setup 20:00', { chat: other, senderIsGroupAdmin: true });
    await w.say(zorana, '/group join', { chat: other });
    const asked = (await w.send(zorana, '/group leave'))[0]!;
    expect(asked.text).toBe('Which group do you want to leave?');
    const buttons = asked.buttons!.flat();
    expect(buttons.map((b) => b.label)).toEqual(['Leave “Tuesday night group”', 'Leave “Thursday group”']);
    expect(await w.say(zorana, buttons[0]!.command)).toContain('You have left “Tuesday night group”');
    expect(await w.say(zorana, '/group leave telegram:-100777')).toContain('You are not in that group');
    await liveDays(w, '2026-03-10', 1, async () => { await w.send(zorana, '/checkin sober mood:4'); });
    const rollCalls = groupMessages().filter((d) => d.text.startsWith('Roll call'));
    expect(rollCalls.length).toBe(1);
    expect(rollCalls[0]!.text).not.toContain('Zorana');
    expect(await w.say(w.actor('Nobody', 'telegram:999'), '/group leave')).toBe('You are not in any accountability group.');
  });

  it('a sensitive command typed in the group is answered privately and its content never reaches the group', async () => {
    const { w, zorana, gail, groupMessages } = await setUp();
    await w.link(zorana, gail);
    const checkin = await w.send(zorana, '/checkin sober mood:4 feeling:raw note:GROUP-SECRET-NOTE', { chat: GROUP });
    expect(checkin.length).toBeGreaterThan(0);
    for (const r of checkin) expect(r.private).toBe(true);
    const more = [
      ...(await w.send(zorana, '/sos', { chat: GROUP })),
      ...(await w.send(zorana, '/progress', { chat: GROUP })),
      ...(await w.send(zorana, '/links', { chat: GROUP })),
      ...(await w.send(zorana, '/circles inner GROUP-SECRET-CIRCLE', { chat: GROUP })),
    ];
    for (const r of more) expect(r.private).toBe(true);
    const exportInGroup = await w.send(zorana, '/export', { chat: GROUP });
    expect(exportInGroup.every((r) => r.attachment === undefined)).toBe(true);
    const visible = [...checkin, ...more, ...exportInGroup].filter((r) => !r.private);
    for (const r of visible) expect(r.text).not.toMatch(/GROUP-SECRET|mood|raw|sober/i);
    await w.deliver();
    for (const d of groupMessages()) expect(d.text).not.toMatch(/GROUP-SECRET|raw/);
    // Stray conversation in the group is left alone.
    expect(await w.send(zorana, 'see you all thursday', { chat: GROUP })).toEqual([]);
  });
});
