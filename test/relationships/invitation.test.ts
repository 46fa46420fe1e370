// Accepting an invitation as a person would: typed, tapped as a start link, or answered after a
// button, by someone new or someone already here. The code stays single-use, rate-limited, unlogged.
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { invitePayload } from '../../src/domain/invite-code.js';
import { createLog } from '../../src/log.js';
import { codeIn, createWorld, type World } from './world.js';

let w: World;
afterEach(async () => { await w?.close(); });

const firstLines = (replies: { text: string }[]) => replies.map((r) => r.text.split('\n')[0]);

/** A world in which Alice, in recovery, has just invited someone: her code. */
async function aliceInvites(relation: 'sponsor' | 'coach', opts: Parameters<typeof createWorld>[0] = {}): Promise<string> {
  w = await createWorld(opts);
  const alice = w.actor('Alice');
  await w.onboard(alice, 'recovery');
  return codeIn(await w.say(alice, `/invite ${relation}`));
}

describe('someone new who accepts an invitation', () => {
  it('sees the privacy notice first, then the link, then is asked their role and, once chosen, their time zone', async () => {
    const code = await aliceInvites('sponsor');
    const sam = w.actor('Sam');
    const replies = await w.send(sam, `/accept ${code}`);
    expect(firstLines(replies)).toEqual([
      expect.stringContaining('Welcome to Steadfast'),
      "You are now Alice's sponsor. You will receive what they choose to share: missed check-in alerts, SOS calls, milestone news. End it any time with /unlink.",
      expect.stringContaining('Which of these fits you?'),
    ]);
    expect(replies[2]!.buttons!.flat().map((b) => b.command)).toEqual(['/role recovery', '/role partner', '/role supporter']);

    const role = await w.say(sam, '/role supporter');
    // Already linked: no "Invited?" and no button for a code they no longer need.
    expect(role).not.toContain('Invited?');
    expect(role).toContain('Which time zone are you in?');
    expect(await w.say(sam, 'Europe/Berlin')).toContain('Time zone set to Europe/Berlin');
    expect(await w.say(sam, '/links')).toContain('Alice — you are their sponsor');
  });

  it('who was here before gets the answer alone', async () => {
    const code = await aliceInvites('coach');
    const sam = w.actor('Sam');
    await w.onboard(sam, 'supporter');
    const replies = await w.send(sam, `/accept ${code}`);
    expect(firstLines(replies)).toEqual([expect.stringContaining("You are now Alice's coach")]);
  });
});

describe('a start link carrying an invitation', () => {
  it('accepts like the code, is refused once used, and is never written to the logs', async () => {
    let logged = '';
    const sink = new Writable({ write(chunk, _e, done) { logged += String(chunk); done(); } });
    const code = await aliceInvites('sponsor', { log: createLog('trace', sink) });
    const payload = invitePayload(code);

    expect(await w.say(w.actor('Sam'), `/start ${payload}`)).toContain("You are now Alice's sponsor");
    expect(await w.say(w.actor('Bo'), `/start ${payload}`)).toContain('That invitation link no longer works');
    expect(logged).toContain('"command":"start"');
    expect(logged).not.toContain(code);
    expect(logged).not.toContain(code.replace('-', ''));
  });

  it('counts toward the same limit on failed codes as a typed one', async () => {
    const good = invitePayload(await aliceInvites('sponsor'));
    const eve = w.actor('Eve');
    await w.onboard(eve, 'supporter');
    for (let i = 0; i < 5; i += 1) expect(await w.say(eve, `/start accept-${'0123456789'.slice(i)}${'ABCDE'.slice(0, i)}`)).toContain('no longer works');
    expect(await w.say(eve, `/start ${good}`)).toContain('Too many codes that did not work');
  });

  it('is not offered where the platform has no start links: the forwardable message gives the code and the steps', async () => {
    w = await createWorld();
    const alice = w.actor('Alice');
    await w.onboard(alice, 'recovery');
    const [note, forwardable] = await w.send(alice, '/invite partner');
    expect(note!.text).toContain('Forward the next message to them (or copy it): it has the steps to accept');
    const code = codeIn(note!.text);
    expect(forwardable!.text).toBe([
      'Alice invites you to link with them on Steadfast, as their partner.',
      '',
      'To accept:',
      '1. Open a private chat with the Steadfast bot Alice uses (ask them where to find it, on Telegram or Discord).',
      '2. Send it this line:',
      `/accept ${code}`,
      '',
      'The invitation works once, within 24 hours. You decide what, if anything, you receive, and either of you can end the link at any time.',
    ].join('\n'));
  });
});

describe('/accept with no code', () => {
  it('asks for the code and takes the next message as it, spaces and all', async () => {
    const code = await aliceInvites('sponsor');
    const sam = w.actor('Sam');
    await w.onboard(sam, 'supporter');
    expect(await w.say(sam, '/accept')).toContain('Send me the invitation code you were given');
    expect(await w.say(sam, code.toLowerCase().replace('-', ' '))).toContain("You are now Alice's sponsor");
  });
});
