// A person on one platform and their sponsor on another: invitations, alerts, SOS calls and
// answers each arrive on the receiver's own platform; /link joins a second account of the
// same person, and messages the bot starts then go to the account used last.
import { afterEach, describe, expect, it } from 'vitest';
import { codeIn, createWorld, MINUTE, type World } from './world.js';

let world: World | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

async function setUp() {
  const w = await createWorld();
  world = w;
  const alice = w.actor('Alice', 'console:alice');
  const sam = w.actor('Sam', 'telegram:123');
  await w.onboard(alice, 'recovery');
  await w.onboard(sam, 'supporter');
  return { w, alice, sam };
}

const platformOf = (chatId: string) => chatId.slice(0, chatId.indexOf(':'));

describe('a person on the console and a sponsor on Telegram', () => {
  it('invitation, acceptance, alert, SOS and the answer each arrive on the receiver’s own platform', async () => {
    const { w, alice, sam } = await setUp();
    const invite = await w.say(alice, '/invite sponsor');
    expect(invite).toContain('on Telegram, Discord or here');
    const accepted = await w.say(sam, `/accept ${codeIn(invite)}`);
    expect(accepted).toContain("You are now Alice's sponsor");
    await w.flush();
    expect(w.platforms.console.calls.map((d) => [d.chatId, d.text])).toEqual([
      ['console:alice', 'Sam accepted your invitation and is now your sponsor.\nSam receives now: missed check-in alerts, SOS calls and milestone news. Change what you share any time with /share.'],
    ]);

    // Alice misses the 10th: at the grace deadline the alert goes to Telegram.
    w.at('2026-03-11T08:00:00Z');
    await w.tickAndDeliver();
    const alerts = w.platforms.telegram.calls.filter((d) => d.kind === 'alert');
    expect(alerts.map((d) => d.chatId)).toEqual(['telegram:123']);
    expect(alerts[0]!.text).toContain('Alice has not checked in for Tue 10 Mar');

    await w.send(alice, '/sos');
    await w.deliver();
    const sos = w.platforms.telegram.calls.filter((d) => d.kind === 'sos');
    expect(sos.map((d) => d.chatId)).toEqual(['telegram:123']);
    // Sam answers with the button under the SOS.
    const button = sos[0]!.message.reply.buttons?.[0]?.[0];
    expect(button?.command).toMatch(/^\/reachout /);
    expect(await w.say(sam, button!.command)).toContain('I told Alice you are reaching out');
    await w.deliver();
    expect(w.platforms.console.calls.filter((d) => d.text.includes('Sam got your call for support')).map((d) => d.chatId)).toEqual(['console:alice']);

    // Nothing crossed over: every message went to an account on its own platform.
    for (const p of [w.platforms.console, w.platforms.telegram]) {
      for (const d of p.calls) expect(platformOf(d.chatId)).toBe(p.platform);
    }
    expect(w.platforms.console.calls.some((d) => d.chatId === sam.account)).toBe(false);
    expect(w.platforms.telegram.calls.some((d) => d.chatId === alice.account)).toBe(false);
  });

  it('/link joins Alice’s Telegram account, and messages then go to the account she used last', async () => {
    const { w, alice, sam } = await setUp();
    await w.link(alice, sam);
    const aliceId = await w.personId(alice);
    const offer = await w.say(alice, '/link');
    expect(offer).toContain('/link ');
    w.advance(MINUTE);
    const aliceOnTelegram = w.actor('Alice', 'telegram:456');
    expect(await w.say(aliceOnTelegram, `/link ${codeIn(offer)}`)).toContain('this account is now joined to your Steadfast');
    expect(await w.personId(aliceOnTelegram)).toBe(aliceId);
    // The same person on both: her sobriety counter and links answer on Telegram.
    expect(await w.say(aliceOnTelegram, '/links')).toContain('Sam — your sponsor');
    await w.deliver();

    // She used Telegram last: Sam's answer reaches her there.
    w.advance(MINUTE);
    await w.say(sam, '/reachout Alice');
    await w.deliver();
    const answers = () => w.all().filter((d) => d.text.includes('Sam is reaching out to you'));
    expect(answers().map((d) => d.chatId)).toEqual(['telegram:456']);

    // Back on the console: the next one goes there.
    w.advance(MINUTE);
    await w.say(alice, '/progress');
    w.advance(MINUTE);
    await w.say(sam, '/reachout Alice');
    await w.deliver();
    expect(answers().map((d) => d.chatId)).toEqual(['telegram:456', 'console:alice']);

    // And the sponsor's alerts follow her too.
    w.at('2026-03-11T08:00:00Z');
    await w.tickAndDeliver();
    expect(w.all().filter((d) => d.kind === 'alert').map((d) => d.chatId)).toEqual(['telegram:123']);
  });

  it('the warning that a new account was joined reaches the account that was already there', async () => {
    const { w, alice } = await setUp();
    const offer = await w.say(alice, '/link');
    w.advance(MINUTE);
    await w.say(w.actor('Alice', 'telegram:456'), `/link ${codeIn(offer)}`);
    await w.deliver();
    const warning = w.all().filter((d) => d.text.includes('A new account was joined'));
    expect(warning.map((d) => d.chatId)).toEqual(['console:alice']);
  });

  it('an account that already has its own history is not joined, and a /link code is not an invitation', async () => {
    const { w, alice, sam } = await setUp();
    const offer = await w.say(alice, '/link');
    // Sam has his own check-in: joining him to Alice would lose it (and he is not Alice).
    await w.say(sam, '/checkin mood:3');
    expect(await w.say(sam, `/link ${codeIn(offer)}`)).toContain('already has its own check-ins or links');
    expect(await w.personId(sam)).not.toBe(await w.personId(alice));
    // The same code cannot be used to become Alice's sponsor either.
    expect(await w.say(sam, `/accept ${codeIn(offer)}`)).toContain('That code is not valid');
    const invite = await w.say(alice, '/invite sponsor');
    expect(await w.say(w.actor('Alice', 'telegram:789'), `/link ${codeIn(invite)}`)).toContain('That code is not valid');
  });
});
