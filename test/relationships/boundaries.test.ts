// Boundaries are shared per partner link: one shown to a partner is not shown to the next one,
// several partners are chosen between, and either side of a partner link may share its own.
import { afterEach, describe, expect, it } from 'vitest';
import { createWorld, type World } from './world.js';

let world: World | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

async function setUp() {
  const w = await createWorld();
  world = w;
  const alice = w.actor('Alice');
  const pat = w.actor('Pat');
  const quinn = w.actor('Quinn');
  await w.onboard(alice, 'recovery');
  for (const p of [pat, quinn]) await w.onboard(p, 'partner');
  return { w, alice, pat, quinn };
}

describe('boundaries shared with a partner', () => {
  it('a boundary shared with one partner is not shown to a later one until shared with them', async () => {
    const { w, alice, pat, quinn } = await setUp();
    await w.link(alice, pat, 'partner');
    await w.say(alice, '/boundary add No phones at the dinner table');
    expect(await w.say(alice, '/boundary share 1')).toContain('shared with Pat');
    expect(await w.say(pat, '/boundaries')).toContain('Shared with you by Alice:\n• No phones at the dinner table');

    expect(await w.say(alice, '/unlink Pat')).toContain('has ended');
    expect(await w.say(pat, '/boundaries')).not.toContain('No phones');
    await w.link(alice, quinn, 'partner');
    expect(await w.say(quinn, '/boundaries')).not.toContain('No phones');
    expect(await w.say(alice, '/boundaries')).toBe('Your boundaries:\n1. No phones at the dinner table');

    expect(await w.say(alice, '/boundary share 1')).toContain('shared with Quinn');
    expect(await w.say(quinn, '/boundaries')).toContain('• No phones at the dinner table');
    expect(await w.say(alice, '/boundaries')).toContain('1. No phones at the dinner table (shared with Quinn)');
  });

  it('with two partners, asks which one; sharing with one shows it to that one only; private takes it back', async () => {
    const { w, alice, pat, quinn } = await setUp();
    await w.link(alice, pat, 'partner');
    await w.link(alice, quinn, 'partner');
    await w.say(alice, '/boundary add Honesty about screen time');
    const asked = (await w.send(alice, '/boundary share 1'))[0]!;
    expect(asked.text).toContain('Which partner should see boundary 1?');
    expect(asked.buttons!.flat().map((b) => b.label)).toEqual(['Pat', 'Quinn']);
    const quinnButton = asked.buttons!.flat().find((b) => b.label === 'Quinn')!;
    expect(await w.say(alice, quinnButton.command)).toContain('shared with Quinn');
    expect(await w.say(quinn, '/boundaries')).toContain('Honesty about screen time');
    expect(await w.say(pat, '/boundaries')).not.toContain('Honesty');
    expect(await w.say(alice, '/boundary share 1 Pat')).toContain('shared with Pat');
    expect(await w.say(alice, '/boundary private 1 Quinn')).toContain('no longer shown to Quinn');
    expect(await w.say(quinn, '/boundaries')).not.toContain('Honesty');
    expect(await w.say(pat, '/boundaries')).toContain('Honesty');
    expect(await w.say(alice, '/boundary private 1')).toContain('private again');
    expect(await w.say(pat, '/boundaries')).not.toContain('Honesty');
  });

  it('a betrayed partner can share their own boundary with the person they are linked with', async () => {
    const { w, alice, pat } = await setUp();
    await w.link(alice, pat, 'partner');
    await w.say(pat, '/boundary add I need a day\'s notice before hard talks');
    expect(await w.say(pat, '/boundary share 1')).toContain('shared with Alice');
    expect(await w.say(alice, '/boundaries')).toContain('Shared with you by Pat:\n• I need a day\'s notice before hard talks');
  });

  it('without a partner, or with a sponsor named, nothing is shared', async () => {
    const { w, alice } = await setUp();
    const sam = w.actor('Sam');
    await w.onboard(sam, 'supporter');
    await w.say(alice, '/boundary add One thing at a time');
    expect(await w.say(alice, '/boundary share 1')).toContain('not linked with a partner');
    await w.link(alice, sam);
    expect(await w.say(alice, '/boundary share 1 Sam')).toContain('not linked with you as a partner');
    expect(await w.say(sam, '/boundaries')).not.toContain('One thing');
  });
});
