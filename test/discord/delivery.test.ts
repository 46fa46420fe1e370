import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nonceOf } from '../../adapters/discord/port.js';
import { DiscordPort } from '../../adapters/discord/port.js';
import { CATALOG } from '../../src/commands/catalog.js';
import { reply } from '../../src/ports/reply.js';
import { PERMISSIONS } from '../helpers/fake-discord.js';
import { CHANNEL, GUILD, startDiscordTestBot, user, type DiscordTestBot } from './harness.js';

const coreHasGroups = CATALOG.get('group')?.subcommands?.setup !== undefined;
const DAY = 86_400_000;

let t: DiscordTestBot;
beforeEach(async () => { t = await startDiscordTestBot(); });
afterEach(async () => { await t?.close(); });

const messagesTo = (userId: string) => t.fake.messages.filter((m) => m.userId === userId);
const attemptsTo = (channelId: string | undefined) => t.fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`);

async function eveningRun(): Promise<void> {
  t.clock.set(new Date('2026-03-10T20:00:30Z'));
  await t.core.tick();
  await t.core.dispatcher.flush();
}

describe('messages the bot starts, through the outbox', () => {
  it('sends a DM with a nonce, no mentions, buttons and a file; a resend after a crash is not a duplicate', async () => {
    const sam = user(1, 'sam');
    const m = {
      key: 'reply:test:1', kind: 'reply' as const, to: { chatId: `discord:${sam.id}`, kind: 'dm' as const },
      reply: reply('Here is your file, <@123>', {
        buttons: [[{ label: 'Check in now', command: '/checkin' }]],
        attachment: { kind: 'file', filename: 'steadfast-export.json', mime: 'application/json', data: new TextEncoder().encode('{"a":1}') },
      }),
    };
    expect(await t.port.send(m)).toMatchObject({ ok: true });
    expect(await t.port.send(m)).toMatchObject({ ok: true }); // the same outbox message again
    const sent = messagesTo(sam.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toMatchObject({
      nonce: nonceOf('reply:test:1'), enforce_nonce: true, allowed_mentions: { parse: [] },
      components: [{ type: 1, components: [{ type: 2, label: 'Check in now', custom_id: '/checkin' }] }],
    });
    expect(String(sent[0]!.body.nonce).length).toBeLessThanOrEqual(25);
    expect(sent[0]!.body.content).not.toContain('<@123>');
    expect(sent[0]!.files[0]).toMatchObject({ name: 'steadfast-export.json', contentType: 'application/json' });
    expect(t.fake.requests.filter((r) => r.path === '/users/@me/channels')).toHaveLength(1); // the DM channel is opened once
  });

  it('maps Discord failures to what the dispatcher needs', async () => {
    const to = { chatId: `discord:${CHANNEL}`, kind: 'group' as const };
    const send = (key: string) => t.port.send({ key, kind: 'group', to, reply: reply('Hello', { private: false }) });
    t.fake.failNextMessage(403, 50001, 'Missing Access');
    expect(await send('a')).toMatchObject({ ok: false, error: 'unreachable' });
    t.fake.failNextMessage(404, 10003, 'Unknown Channel');
    expect(await send('b')).toMatchObject({ ok: false, error: 'unreachable' });
    t.fake.failNextMessage(502, 0, 'Bad Gateway');
    expect(await send('c')).toMatchObject({ ok: false, error: 'transient' });
    t.fake.rateLimitNextMessages(1, 2.5);
    const limited = await send('d');
    expect(limited).toMatchObject({ ok: false, error: 'rate_limited' });
    expect((limited as { retryAfterMs: number }).retryAfterMs).toBeGreaterThanOrEqual(2_500);
    expect(await send('e')).toMatchObject({ ok: true });
    const offline = new DiscordPort({ ...t.config, apiUrl: 'http://127.0.0.1:9/api' });
    expect(await offline.send({ key: 'f', kind: 'group', to, reply: reply('Hello') })).toMatchObject({ ok: false, error: 'transient' });
  });

  it('marks a person whose DMs are closed (50007) unreachable, does not retry, and tells them next time', async () => {
    const kai = user(2, 'kai');
    await t.onboard(kai);
    t.fake.closeDms(kai.id);
    await eveningRun();
    const channel = t.fake.dmChannels.get(kai.id);
    expect(attemptsTo(channel)).toHaveLength(1);
    const account = await t.db.selectFrom('accounts').select('unreachable_at').where('id', '=', `discord:${kai.id}`).executeTakeFirstOrThrow();
    expect(account.unreachable_at).not.toBeNull();
    const rows = await t.db.selectFrom('outbox').select('status').where('chat_id', '=', `discord:${kai.id}`).execute();
    expect(rows.map((r) => r.status)).toEqual(['unreachable']);

    t.clock.set(new Date(Date.parse('2026-03-10T20:00:30Z') + DAY));
    await t.core.tick();
    await t.core.dispatcher.flush();
    expect(attemptsTo(channel)).toHaveLength(1); // not retried, not tried again the next evening

    const seen = await t.answered(t.fake.slash({ user: kai, name: 'progress', options: [] }));
    expect(seen[0]!.content).toMatch(/could not reach you/i);
  });

  it('delivers every prompt exactly once when Discord answers 429 with retry_after mid-run', async () => {
    const people = [1, 2, 3, 4, 5].map((n) => user(10 + n));
    for (const p of people) await t.onboard(p);
    t.fake.rateLimitNextMessages(1, 0.3);
    await eveningRun();
    t.clock.advance(1_000); // the requeued prompt is due again after retry_after
    await t.core.dispatcher.flush();
    for (const p of people) expect(messagesTo(p.id), `prompts to ${p.username}`).toHaveLength(1);
    const posts = t.fake.requests.filter((r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path));
    expect(posts.map((r) => r.status).filter((s) => s === 429)).toHaveLength(1);
    expect(posts).toHaveLength(people.length + 1);
    const statuses = await t.db.selectFrom('outbox').select('status').where('kind', '=', 'prompt').execute();
    expect(statuses.map((s) => s.status)).toEqual(people.map(() => 'sent'));
  });

  it.skipIf(!coreHasGroups)('posts the daily group prompt in the accountability channel, pinging no one', async () => {
    const admin = user(30, 'admin');
    await t.onboard(admin);
    const setup = t.fake.slash({
      user: admin, name: 'group', options: [{ name: 'setup', type: 1, options: [{ name: 'time', type: 3, value: '20:00' }] }],
      guild: { id: GUILD, channelId: CHANNEL, permissions: PERMISSIONS.manageChannels },
    });
    const seen = await t.answered(setup);
    expect(seen[0]!.content).toMatch(/accountability group/);
    await eveningRun();
    const inChannel = t.fake.messages.filter((m) => m.channelId === CHANNEL);
    expect(inChannel).toHaveLength(1);
    expect(inChannel[0]!.body).toMatchObject({ allowed_mentions: { parse: [] }, enforce_nonce: true });
    expect(t.fake.requests.filter((r) => r.path === '/users/@me/channels' && (r.body as { recipient_id?: string }).recipient_id === CHANNEL)).toEqual([]);
  });
});
