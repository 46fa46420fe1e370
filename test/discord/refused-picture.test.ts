// A picture or file Discord will not take (a 4xx on the upload: too large, no permission to
// attach): the person still gets its words with a short note, at once. The real discord.js
// REST client against the fake Discord API; the core's own dispatcher sends.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiscordPort } from '../../adapters/discord/port.js';
import { enqueueMessage } from '../../src/store/outbox.js';
import type { Reply } from '../../src/ports/reply.js';
import { createTestCore, type TestCore } from '../helpers/core-harness.js';
import { FakeDiscord } from '../helpers/fake-discord.js';
import { CHANNEL, SERVER, user } from './harness.js';

let fake: FakeDiscord;
let t: TestCore;
beforeEach(async () => {
  fake = await FakeDiscord.start(SERVER);
  const port = new DiscordPort({ token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl, guildId: null });
  t = await createTestCore({ seed: 7, ports: [port] });
});
afterEach(async () => {
  await t?.close();
  await fake?.close();
});

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const chart = (text: string, isPrivate = true): Reply => ({
  text, private: isPrivate, attachment: { kind: 'image', filename: 'progress.png', data: PNG, alt: 'Your progress: counters and a calendar of recent weeks' },
});

async function queue(key: string, chatId: string, kind: 'dm' | 'group', r: Reply): Promise<void> {
  await enqueueMessage(t.db, t.seal, { key, topic: 'answer', to: { chatId, kind }, recipientId: null, reply: r, notBefore: t.clock.now() }, t.clock.now());
  await t.core.dispatcher.flush();
}
const row = (key: string) => t.db.selectFrom('outbox').select(['status', 'attempts']).where('idem_key', '=', key).executeTakeFirstOrThrow();
const posts = (channel: string) => fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channel}/messages`);

describe('a picture Discord refuses', () => {
  it('arrives in a DM as its text with a note when the upload is answered 413', async () => {
    const sam = user(1, 'sam');
    fake.failNextMessage(413, 40005, 'Request entity too large');
    await queue('test:big', `discord:${sam.id}`, 'dm', chart('Sober: 12 days.'));
    const got = fake.messages.filter((m) => m.userId === sam.id);
    expect(got).toHaveLength(1);
    expect(got[0]!.body.content).toBe('The picture could not be sent here; the text is below.\n\nSober: 12 days.');
    expect(got[0]!.files).toEqual([]);
    const dm = fake.dmChannels.get(sam.id)!;
    expect(posts(dm).map((r) => r.status)).toEqual([413, 200]); // the picture was not tried again
  });

  it('sends the text in a channel where the bot may not attach files (50013 on the upload)', async () => {
    fake.failNextMessage(403, 50013, 'Missing Permissions');
    await queue('test:perm', `discord:${CHANNEL}`, 'group', chart('The group’s week.', false));
    const inChannel = fake.messages.filter((m) => m.channelId === CHANNEL);
    expect(inChannel.map((m) => m.body.content)).toEqual(['The picture could not be sent here; the text is below.\n\nThe group’s week.']);
    expect(posts(CHANNEL).map((r) => r.status)).toEqual([403, 200]);
  });

  it('retries a picture answered 502, and then delivers the picture itself', async () => {
    fake.failNextMessage(502, 0, 'Bad Gateway');
    await enqueueMessage(t.db, t.seal, { key: 'test:5xx', topic: 'answer', to: { chatId: `discord:${CHANNEL}`, kind: 'group' }, recipientId: null, reply: chart('Hello', false), notBefore: t.clock.now() }, t.clock.now());
    await t.core.dispatcher.flush(1);
    expect((await row('test:5xx')).status).toBe('queued'); // waits out its backoff
    t.clock.advance(60_000);
    await t.core.dispatcher.flush();
    const inChannel = fake.messages.filter((m) => m.channelId === CHANNEL);
    expect(inChannel).toHaveLength(1);
    expect(inChannel[0]!.files.map((f) => f.name)).toEqual(['progress.png']);
    expect(await row('test:5xx')).toEqual({ status: 'sent', attempts: 2 });
  });

  it('fails a plain text Discord refuses (400) at once, without eight tries', async () => {
    fake.failNextMessage(400, 50035, 'Invalid Form Body');
    await queue('test:bad', `discord:${CHANNEL}`, 'group', { text: 'Hello', private: false });
    expect(await row('test:bad')).toEqual({ status: 'failed', attempts: 1 });
    expect(posts(CHANNEL)).toHaveLength(1);
  });
});
