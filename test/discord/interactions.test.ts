import { ApplicationCommandOptionType as T } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CATALOG } from '../../src/commands/catalog.js';
import type { InboundMessage } from '../../src/ports/inbound.js';
import { reply } from '../../src/ports/reply.js';
import { PERMISSIONS, type FakeUser, type SeenMessage } from '../helpers/fake-discord.js';
import { CHANNEL, GUILD, startDiscordTestBot, user, type DiscordTestBot } from './harness.js';

const coreHasGroups = CATALOG.get('group')?.subcommands?.setup !== undefined;
const onServer = (permissions: string = PERMISSIONS.member) => ({ guild: { id: GUILD, channelId: CHANNEL, permissions } });

let t: DiscordTestBot;
beforeAll(async () => { t = await startDiscordTestBot(); });
afterAll(async () => { await t?.close(); });

function buttonIn(seen: SeenMessage[], label: string): string {
  const b = seen.flatMap((m) => m.components).flatMap((r) => r.components).find((x) => x.label === label);
  if (!b) throw new Error(`no button "${label}" in ${JSON.stringify(seen.map((m) => m.content))}`);
  return b.custom_id;
}

/** A choice shown in a select menu: the menu's id and the option's value (the command). */
function optionIn(seen: SeenMessage[], label: string): { menu: string; value: string } | null {
  for (const c of seen.flatMap((m) => m.components).flatMap((r) => r.components)) {
    const o = c.options?.find((x) => x.label === label);
    if (o) return { menu: c.custom_id, value: o.value };
  }
  return null;
}

/** Presses a button, or picks the choice from its menu, as a person would. */
async function press(u: FakeUser, seen: SeenMessage[], label: string): Promise<SeenMessage[]> {
  const option = optionIn(seen, label);
  if (option) return t.answered(t.fake.select({ user: u, customId: option.menu, values: [option.value] }));
  return t.answered(t.fake.button({ user: u, customId: buttonIn(seen, label) }));
}

async function goalCount(u: FakeUser): Promise<number> {
  const r = await t.db.selectFrom('goals').innerJoin('accounts', 'accounts.person_id', 'goals.person_id')
    .select((eb) => eb.fn.countAll<number>().as('n')).where('accounts.id', '=', `discord:${u.id}`).executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('in a DM', () => {
  it('checks in with one slash command', async () => {
    const sam = user(1, 'sam');
    await t.onboard(sam);
    const i = t.fake.slash({ user: sam, name: 'checkin', options: [{ name: 'status', type: T.String, value: 'sober' }, { name: 'mood', type: T.Integer, value: 4 }] });
    const seen = await t.answered(i);
    expect(i.callbacks[0]).toMatchObject({ type: 5, accepted: true }); // deferred within the 3-second window
    expect(seen).toHaveLength(1);
    expect(seen[0]!.content).toContain('sober · mood 4');
    expect(i.edits[0]!.body.allowed_mentions).toEqual({ parse: [] });
    const row = await t.db.selectFrom('checkins').innerJoin('accounts', 'accounts.person_id', 'checkins.person_id')
      .select(['status', 'mood']).where('accounts.id', '=', `discord:${sam.id}`).execute();
    expect(row).toEqual([{ status: 'sober', mood: 4 }]);
  });

  it('guides a check-in with buttons, and saves a note typed into a form', async () => {
    const alex = user(2, 'alex');
    await t.onboard(alex);
    const first = await t.answered(t.fake.slash({ user: alex, name: 'checkin' }));
    const afterStatus = await press(alex, first, 'Sober');
    expect(afterStatus[0]!.content).toMatch(/mood/i);
    const afterMood = await press(alex, afterStatus, '4');
    // The message with the buttons changes in place (DEFERRED_UPDATE_MESSAGE), so old buttons go away.
    expect(t.fake.interactions.size).toBeGreaterThan(0);
    const note = t.fake.button({ user: alex, customId: buttonIn(afterMood, 'Add a note') });
    await t.answered(note);
    expect(note.callbacks[0]!.type).toBe(9); // a modal, as the first answer
    expect(note.callbacks[0]!.data).toMatchObject({ custom_id: '/checkin note' });

    const text = 'Called my sponsor. *Felt* better <@everyone>.';
    const submit = t.fake.modalSubmit({ user: alex, customId: '/checkin note', fields: { text } });
    const saved = await t.answered(submit);
    expect(submit.callbacks[0]!.type).toBe(6);
    expect(saved[0]!.content).toContain('private note saved');

    const exported = await t.answered(t.fake.slash({ user: alex, name: 'export' }));
    const file = exported.flatMap((m) => m.files).find((f) => f.name.endsWith('.json'));
    expect(file?.contentType).toBe('application/json');
    expect(JSON.stringify(JSON.parse(file!.data.toString('utf8')))).toContain('Called my sponsor. *Felt* better <@everyone>.');
  });

  it('answers a status button under an old prompt message by changing that message', async () => {
    const kim = user(3, 'kim');
    await t.onboard(kim);
    const i = t.fake.button({ user: kim, customId: '/checkin' });
    const seen = await t.answered(i);
    expect(i.callbacks[0]!.type).toBe(6);
    expect(i.edits[0]!.body).toMatchObject({ attachments: [] });
    expect(buttonIn(seen, 'Sober')).toBe('/checkin sober');
  });

  it('answers any other button in a new message, so what was above it stays', async () => {
    const i = t.fake.button({ user: user(3), customId: '/sos' });
    await t.answered(i);
    expect(i.callbacks[0]!.type).toBe(5);
  });

  it('suggests time zones while /timezone is typed', async () => {
    const i = t.fake.autocomplete({ user: user(4), name: 'timezone', options: [{ name: 'zone', type: T.String, value: 'berl', focused: true }] });
    await t.answered(i);
    expect(i.callbacks[0]).toMatchObject({ type: 8, data: { choices: [{ name: 'Europe/Berlin', value: 'Europe/Berlin' }] } });
  });

  it('opens a form for "Another zone", whose answer sets the zone', async () => {
    const lee = user(5, 'lee');
    await t.onboard(lee);
    const open = t.fake.button({ user: lee, customId: '/timezone' });
    await t.answered(open);
    expect(open.callbacks[0]!.type).toBe(9);
    const seen = await t.answered(t.fake.modalSubmit({ user: lee, customId: '/timezone', fields: { text: 'europe/berlin' } }));
    expect(seen[0]!.content).toContain('Europe/Berlin');
  });
});

describe('an invitation on Discord', () => {
  it('gives a message to forward with the code and the steps, and /accept with no code opens a form for it', async () => {
    const ana = user(20, 'ana');
    await t.onboard(ana);
    const invited = await t.answered(t.fake.slash({ user: ana, name: 'invite', options: [{ name: 'relation', type: T.String, value: 'sponsor' }] }));
    expect(invited).toHaveLength(2);
    const forwardable = invited[1]!.content ?? '';
    expect(forwardable.split('\n')[0]).toBe('ana invites you to be their sponsor on Steadfast.');
    expect(forwardable).not.toContain('https://');
    const code = /\/accept ([0-9A-Z]{5}-[0-9A-Z]{5})/.exec(forwardable)![1]!;

    // Someone new: the bare command (or the "I have an invitation code" button) asks for the code in a form.
    const ben = user(21, 'ben');
    const open = t.fake.slash({ user: ben, name: 'accept' });
    await t.answered(open);
    expect(open.callbacks[0]).toMatchObject({ type: 9, data: { custom_id: '/accept' } });
    const accepted = await t.answered(t.fake.modalSubmit({ user: ben, customId: '/accept', fields: { text: code } }));
    expect(accepted.map((m) => (m.content ?? '').split('\n')[0])).toEqual([
      expect.stringContaining('Welcome to Steadfast'),
      expect.stringContaining("You are now ana's sponsor"),
      expect.stringContaining('Which of these fits you?'),
    ]);
  });
});

describe('on a server', () => {
  it('answers personal data ephemerally (flags 64)', async () => {
    const ana = user(10, 'ana');
    await t.onboard(ana);
    const i = t.fake.slash({ user: ana, name: 'checkin', options: [{ name: 'status', type: T.String, value: 'sober' }, { name: 'mood', type: T.Integer, value: 3 }], ...onServer() });
    const seen = await t.answered(i);
    expect(i.callbacks[0]).toMatchObject({ type: 5, data: { flags: 64 } });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((m) => m.ephemeral)).toBe(true);
  });

  it('refuses a DM-only command (/export) privately, pointing to the DM, with no file', async () => {
    const ben = user(11, 'ben');
    await t.onboard(ben);
    const i = t.fake.slash({ user: ben, name: 'export', ...onServer() });
    const seen = await t.answered(i);
    expect(i.callbacks[0]).toMatchObject({ type: 5, data: { flags: 64 } });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.ephemeral).toBe(true);
    expect(seen[0]!.content).toMatch(/direct message/);
    expect(seen[0]!.files).toEqual([]);
  });

  it('answers a button under a public message with a new, hidden reply', async () => {
    const cal = user(12, 'cal');
    await t.onboard(cal);
    const i = t.fake.button({ user: cal, customId: '/checkin', ephemeralMessage: false, ...onServer() });
    const seen = await t.answered(i);
    expect(i.callbacks[0]).toMatchObject({ type: 5, data: { flags: 64 } });
    expect(seen[0]!.ephemeral).toBe(true);
  });

  it('hides a private answer to a public command, and sends a long answer in pieces', async () => {
    const long = Array.from({ length: 80 }, (_, n) => `line ${n} of a long answer`).join('\n').padEnd(2500, '.');
    const spy = vi.spyOn(t.core, 'handle').mockResolvedValue([{ ...reply('Only for you', { private: true }), visibility: 'sender-only' }, { ...reply(long, { private: false }), visibility: 'chat' }]);
    try {
      const i = t.fake.slash({ user: user(15), name: 'help', ...onServer() });
      const seen = await t.answered(i);
      expect(i.callbacks[0]).toMatchObject({ type: 5, data: { flags: 0 } });
      expect(i.deletedOriginal).toBe(true); // the public "thinking…" placeholder goes
      expect(seen.map((m) => [m.content?.slice(0, 12), m.ephemeral])).toEqual([['Only for you', true], ['line 0 of a ', false], [expect.any(String), false]]);
      expect(seen.every((m) => (m.content ?? '').length <= 2000)).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });

  it('tells the core whether the member may manage the server or channel, from Discord\'s permissions', async () => {
    const seenBy: InboundMessage[] = [];
    const original = t.core.handle.bind(t.core);
    const spy = vi.spyOn(t.core, 'handle').mockImplementation(async (m) => { seenBy.push(m as InboundMessage); return original(m); });
    try {
      for (const permissions of [PERMISSIONS.member, PERMISSIONS.manageChannels, PERMISSIONS.manageServer]) {
        await t.answered(t.fake.slash({ user: user(13), name: 'help', ...onServer(permissions) }));
      }
      await t.answered(t.fake.slash({ user: user(13), name: 'help' }));
    } finally {
      spy.mockRestore();
    }
    expect(seenBy.map((m) => m.senderIsGroupAdmin)).toEqual([false, true, true, undefined]);
    expect(seenBy[0]!.chat).toEqual({ id: `discord:${CHANNEL}`, kind: 'group', title: 'daily-check-ins' });
    expect(seenBy[3]!.chat).toEqual({ id: `discord:${user(13).id}`, kind: 'dm' });
  });

  it.skipIf(!coreHasGroups)('refuses /group setup to a member without Manage Server or Manage Channels', async () => {
    const dan = user(14, 'dan');
    await t.onboard(dan);
    const seen = await t.answered(t.fake.slash({ user: dan, name: 'group', options: [{ name: 'setup', type: T.Subcommand, options: [] }], ...onServer() }));
    expect(seen[0]!.content).toMatch(/admin/i);
    const groups = await t.db.selectFrom('groups' as never).selectAll().execute();
    expect(groups).toEqual([]);
  });
});

describe('redelivery', () => {
  it('changes state once when the same interaction arrives twice', async () => {
    const eve = user(20, 'eve');
    await t.onboard(eve);
    const i = t.fake.slash({ user: eve, name: 'goal', options: [{ name: 'add', type: T.Subcommand, options: [{ name: 'text', type: T.String, value: 'Walk every morning' }] }] });
    await t.answered(i);
    t.fake.redeliver(i);
    await t.fake.waitFor(() => i.callbacks.length === 2);
    await t.bot.idle();
    expect(i.callbacks.map((c) => c.accepted)).toEqual([true, false]); // Discord refuses a second answer (40060)
    expect(await goalCount(eve)).toBe(1);
  });

  it('changes state once even when Discord accepts both answers: the core drops the repeat', async () => {
    const lenient = await startDiscordTestBot({ fake: { strictCallbacks: false } });
    try {
      const fay = user(21, 'fay');
      await lenient.onboard(fay);
      const i = lenient.fake.slash({ user: fay, name: 'goal', options: [{ name: 'add', type: T.Subcommand, options: [{ name: 'text', type: T.String, value: 'Call my sponsor' }] }] });
      await lenient.answered(i);
      lenient.fake.redeliver(i);
      await lenient.fake.waitFor(() => i.callbacks.length === 2);
      await lenient.bot.idle();
      const r = await lenient.db.selectFrom('goals').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(r.n)).toBe(1);
      expect(i.deletedOriginal).toBe(true); // the repeat's empty answer is removed, not left "thinking"
    } finally {
      await lenient.close();
    }
  });
});

describe('traffic', () => {
  it('stays on the fake and asks only for what it knows, with no failed request but the refused repeat', () => {
    const failed = t.fake.requests.filter((r) => r.status >= 400).map((r) => `${r.method} ${r.path} ${r.status}`);
    expect(failed.length).toBe(1);
    expect(failed[0]).toMatch(/callback 400$/);
    expect(t.fake.gateway.identifies[0]).toMatchObject({ intents: 1 }); // Guilds only: no message content
  });
});
