// FANOS with care: it opens only when the partner is ready; each sees their whole FANOS before
// it is shared and may change or hold it; the other gets a heads-up first and the words only
// when they open them; nothing reaches a partner who paused receiving; a disclosure is offered
// a planned conversation instead; and afterwards both are pointed to their own support.
import { afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/ports/reply.js';
import { indiscreetTermsIn } from '../scheduler/simulation.js';
import { ALL_SCOPES, createWorld, DAY, type Actor, type World } from './world.js';

let world: World | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

const commands = (r: Reply) => (r.buttons ?? []).flat().map((b) => b.command);

/** Alice in recovery and Pat, her partner, who says they are ready. */
async function couple(ready = true) {
  const w = await createWorld();
  world = w;
  const alice = w.actor('Alice');
  const pat = w.actor('Pat');
  await w.onboard(alice, 'recovery');
  await w.onboard(pat, 'partner');
  await w.link(alice, pat, 'partner');
  await w.say(alice, `/share Pat ${ALL_SCOPES}`);
  if (ready) expect(await w.say(pat, '/ready')).toContain('Shared features are open');
  await w.deliver();
  // What reached Pat while linking (questions about what to receive) is not FANOS: count from here.
  const base = w.inbox(pat.account).length;
  const patSince = () => w.inbox(pat.account).slice(base);
  return { w, alice, pat, patSince };
}

/** Writes all five answers; returns the reply to the last (the review). */
async function write(w: World, who: Actor, answers: string[]): Promise<Reply> {
  expect(await w.say(who, '/fanos')).toContain('F — Feelings');
  let last: Reply[] = [];
  for (const a of answers) last = await w.send(who, a);
  expect(last).toHaveLength(1);
  return last[0]!;
}

const five = (who: string) => ['feelings', 'affirmation', 'needs', 'ownership', 'sobriety'].map((s) => `${who} ${s}`);
const fanosWords = (w: World, prefix: string) => w.all().filter((d) => d.text.includes(prefix));

describe('FANOS, the shared check-in', () => {
  it('stays locked until the partner is ready, for both, and locks again with /ready off', async () => {
    const { w, alice, pat } = await couple(false);
    expect(await w.say(alice, '/fanos')).toContain('open only when the betrayed partner says they are ready');
    expect(await w.say(pat, '/fanos')).toContain('open only when the betrayed partner says they are ready');
    expect(await w.say(alice, '/ready')).toContain('you are not linked as anyone\'s partner');
    expect(await w.db.selectFrom('fanos_entries').selectAll().execute()).toEqual([]);
    expect(await w.say(pat, '/ready')).toContain('Shared features are open');
    expect(await w.say(pat, '/fanos')).toContain('F — Feelings');
    expect(await w.say(pat, '/ready off')).toContain('Shared features are closed');
    expect(await w.say(pat, 'PAT-LATE feelings')).toContain('closed right now, so nothing was saved');
    expect(await w.say(alice, '/fanos')).toContain('open only when');
  });

  it('shows each person their whole FANOS before anything is shared, and lets them change an answer', async () => {
    const { w, alice } = await couple();
    const review = await write(w, alice, five('ALICE'));
    expect(review.text).toBe([
      'Here is your FANOS for this week, before anything is shared:',
      'F — ALICE feelings', 'A — ALICE affirmation', 'N — ALICE needs', 'O — ALICE ownership', 'S — ALICE sobriety', '',
      'Pat sees it only once you have both shared yours, and only when they choose to open it. You can change any answer, or hold it back for now.',
    ].join('\n'));
    expect(commands(review)).toEqual(['/fanos share', '/fanos hold', '/fanos edit feelings', '/fanos edit affirmation', '/fanos edit needs', '/fanos edit ownership', '/fanos edit sobriety']);
    expect(await w.say(alice, '/fanos edit needs')).toBe('N — Needs: one thing you need this week.\nNow: ALICE needs\nWrite the new answer as your next message.');
    const again = await w.send(alice, 'ALICE needs, changed');
    expect(again[0]!.text).toContain('N — ALICE needs, changed');
    expect(await w.say(alice, '/fanos')).toContain('Here is your FANOS for this week');
    await w.deliver();
    expect(fanosWords(w, 'ALICE')).toEqual([]);
  });

  it('goes only when both have shared: the other gets a heads-up first, the words when they open them, and both are pointed to their own support', async () => {
    const { w, alice, pat, patSince } = await couple();
    await write(w, alice, five('ALICE'));
    expect(await w.say(alice, '/fanos share')).toContain('Yours goes to Pat once Pat has shared theirs');
    await write(w, pat, five('PAT'));
    await w.deliver();
    expect(patSince()).toEqual([]);
    const shared = await w.send(pat, '/fanos share');
    expect(shared[0]!.text).toContain('You have both shared');
    expect(commands(shared[0]!)).toEqual(['/fanos open', '/fanos later']);
    await w.deliver();
    // Alice gets a heads-up, with no words of Pat's in it.
    const headsUp = w.inbox(alice.account).filter((d) => d.text.includes('shared check-in'));
    expect(headsUp.map((d) => d.text)).toEqual(['Your shared check-in with Pat for this week is ready.\nOpen it when you have a quiet moment; it will keep.']);
    expect(commands(headsUp[0]!.message.reply)).toEqual(['/fanos open', '/fanos later']);
    expect(fanosWords(w, 'PAT ')).toEqual([]);
    expect(indiscreetTermsIn(headsUp[0]!.text.split('\n').slice(0, 2).join(' '))).toEqual([]);
    expect(await w.say(alice, '/fanos later')).toBe('It will keep. Whenever you are ready: /fanos open.');
    const opened = await w.say(alice, '/fanos open');
    expect(opened).toMatch(/^Your shared FANOS check-in for 2026-W11\.\n\nPat:\nF — PAT feelings[\s\S]*\n\nAlice:\nF — ALICE feelings/);
    expect(opened).toContain('your sponsor, your group or your therapist is there for you too');
    expect(await w.say(pat, '/fanos open')).toContain('your own therapist, coach or support group is there for you too');
    expect(await w.say(alice, '/fanos')).toContain("This week's FANOS check-in was shared already.");
  });

  it('nothing reaches a partner who paused receiving: no heads-up, and nothing to open until they resume', async () => {
    const { w, alice, pat, patSince } = await couple();
    await write(w, pat, five('PAT'));
    await w.say(pat, '/fanos share');
    expect(await w.say(pat, '/receive pause')).toContain('Receiving is paused');
    await write(w, alice, five('ALICE'));
    await w.say(alice, '/fanos share');
    await w.deliver();
    expect(patSince()).toEqual([]);
    expect((await w.outbox()).filter((r) => r.chat_id === pat.account && r.status !== 'sent')).toMatchObject([{ status: 'skipped', last_error: 'withheld' }]);
    expect(await w.say(pat, '/fanos open')).toBe('You have paused receiving, so your shared check-in waits until you send /receive resume.');
    await w.say(pat, '/receive resume');
    expect(await w.say(pat, '/fanos open')).toContain('F — ALICE feelings');
  });

  it('a partner who shares last while paused is not shown the other’s words either', async () => {
    const { w, alice, pat } = await couple();
    await write(w, alice, five('ALICE'));
    await w.say(alice, '/fanos share');
    await write(w, pat, five('PAT'));
    await w.say(pat, '/receive pause');
    const shared = await w.send(pat, '/fanos share');
    expect(shared[0]!.text).toContain('waits until you send /receive resume');
    expect(commands(shared[0]!)).toEqual([]);
  });

  it('an answer that looks like a disclosure is offered a planned conversation instead, and held stays held', async () => {
    const { w, alice, pat, patSince } = await couple();
    const answers = five('ALICE');
    answers[3] = 'I relapsed on the 12th. I told Sam, I did not tell you yet.';
    const review = await write(w, alice, answers);
    expect(review.text).toContain('O — Ownership may tell Pat something they don\'t know yet. News like this usually goes best in a conversation you plan together, often with a therapist or coach there.');
    expect(commands(review)).toEqual([
      '/fanos hold planned', '/fanos hold professional',
      '/fanos edit feelings', '/fanos edit affirmation', '/fanos edit needs', '/fanos edit ownership', '/fanos edit sobriety',
      '/fanos share',
    ]);
    expect(await w.say(alice, '/fanos hold planned')).toMatch(/^Held for a planned conversation\. Nothing goes to Pat\./);
    await write(w, pat, five('PAT'));
    expect(await w.say(pat, '/fanos share')).toContain('Yours goes to Alice once Alice has shared theirs');
    await w.deliver();
    expect(fanosWords(w, 'relapsed')).toEqual([]);
    expect(patSince()).toEqual([]);
    expect(await w.say(pat, '/fanos open')).toBe('There is no shared FANOS check-in to open yet.');
    // Still hers to change or share, whenever she chooses.
    expect(await w.say(alice, '/fanos')).toContain('O — I relapsed on the 12th');
    w.advance(7 * DAY);
    expect(await w.say(alice, '/fanos')).toContain('F — Feelings');
  });

  it('crisis words in an answer are heard first; the FANOS waits, and the next message is not taken as an answer', async () => {
    const { w, alice } = await couple();
    expect(await w.say(alice, '/fanos')).toContain('F — Feelings');
    const r = await w.send(alice, 'honestly I want to die');
    expect(r).toHaveLength(1);
    expect(r[0]!.text).toMatch(/^What you wrote sounds like/);
    expect(r[0]!.text).toContain('Your FANOS answers so far are saved, and nothing has been shared. /fanos picks up where you left off');
    expect(await w.say(alice, "I'm okay now")).toMatch(/command/i);
    expect(await w.say(alice, '/fanos')).toBe('A — Affirmation: something you appreciate about your partner.');
  });
});
