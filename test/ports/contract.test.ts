// Every PlatformPort keeps one contract, the real ones and the test doubles alike: the
// console's, Telegram's against the fake Bot API, Discord's against the fake Discord, the
// in-process double and the HTTP one. Each sends a plain reply to a private chat and to a
// group, gets { ok: true } and delivers the text as written; it answers `unreachable` for
// a recipient who turned the bot away and for a chat of another platform; its limits are
// positive and its capabilities booleans or absent. And the id codecs round-trip.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramPort } from '../../adapters/telegram/bot.js';
import { loadTelegramConfig } from '../../adapters/telegram/config.js';
import { chatIdOf, telegramId, updateKey } from '../../adapters/telegram/ids.js';
import { accountOf, discordIdOf, groupChatOf, interactionKey } from '../../adapters/discord/ids.js';
import { DiscordPort } from '../../adapters/discord/port.js';
import { ConsolePort } from '../../adapters/console/console-port.js';
import { parsePlatformId, platformId, platformOf } from '../../src/domain/platform-id.js';
import { silentLog } from '../../src/log.js';
import type { Destination, OutboundMessage, PlatformPort } from '../../src/ports/platform.js';
import { reply } from '../../src/ports/reply.js';
import { FakeDiscord } from '../helpers/fake-discord.js';
import { FakeTelegram } from '../helpers/fake-telegram.js';
import { HttpPlatform, httpPlatformPort } from '../helpers/http-platform.js';
import { blocked, InProcessPlatform } from '../helpers/in-process-platform.js';

/** A port with somewhere to send and a way to see what arrived, as the platform's people would read it. */
interface Subject {
  port: PlatformPort;
  dm: Destination;
  group: Destination;
  /** Someone who has turned the bot away (blocked it, closed their DMs); null where nobody can. */
  refusing: Destination | null;
  /** The chat (in the core's id form) and text of the last message that arrived. */
  last(): { chatId: string; text: string } | undefined;
  close(): Promise<void>;
}

const SUBJECTS: Record<string, () => Promise<Subject>> = {
  async console() {
    const port = new ConsolePort() satisfies PlatformPort;
    const seen: { chatId: string; text: string }[] = [];
    port.onMessage = (to, r) => seen.push({ chatId: to, text: r.text });
    return {
      port, dm: { chatId: 'console:sam', kind: 'dm' }, group: { chatId: 'console:circle', kind: 'group' }, refusing: null,
      last: () => seen.at(-1), close: async () => {},
    };
  },

  async telegram() {
    const fake = await FakeTelegram.start();
    const port = createTelegramPort(loadTelegramConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot })!, silentLog) satisfies PlatformPort;
    const sam = fake.user('Sam');
    fake.say(sam, '/start');
    const gone = fake.user('Gone');
    fake.say(gone, '/start');
    fake.block(gone);
    const circle = fake.group('Circle');
    return {
      port, dm: { chatId: telegramId(sam.id), kind: 'dm' }, group: { chatId: telegramId(circle.id), kind: 'group' },
      refusing: { chatId: telegramId(gone.id), kind: 'dm' },
      last: () => {
        const m = fake.sent.at(-1);
        return m && { chatId: telegramId(m.chatId), text: m.text };
      },
      close: () => fake.close(),
    };
  },

  async discord() {
    const channel = '300000000000000002';
    const fake = await FakeDiscord.start({ guilds: [{ id: '300000000000000001', name: 'Recovery circle', channels: [{ id: channel, name: 'check-ins' }] }] });
    const port = new DiscordPort({ token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl, guildId: null }) satisfies PlatformPort;
    const sam = '400000000000000001';
    const gone = '400000000000000002';
    fake.closeDms(gone);
    return {
      port, dm: { chatId: accountOf(sam), kind: 'dm' }, group: { chatId: groupChatOf(channel), kind: 'group' },
      refusing: { chatId: accountOf(gone), kind: 'dm' },
      last: () => {
        const m = fake.messages.at(-1);
        return m && { chatId: m.userId ? accountOf(m.userId) : groupChatOf(m.channelId), text: String(m.body.content) };
      },
      close: () => fake.close(),
    };
  },

  async 'in-process double'() {
    const port = new InProcessPlatform() satisfies PlatformPort;
    port.nextFor('test:gone', blocked);
    return {
      port, dm: { chatId: 'test:sam', kind: 'dm' }, group: { chatId: 'test:circle', kind: 'group' }, refusing: { chatId: 'test:gone', kind: 'dm' },
      last: () => {
        const c = port.delivered.at(-1);
        return c && { chatId: c.chatId, text: c.text };
      },
      close: async () => {},
    };
  },

  async 'HTTP double'() {
    const server = new HttpPlatform();
    await server.start();
    server.block('test:gone');
    const port = httpPlatformPort('test', server.url, { perSecond: 30, perChatPerSecond: 1 }) satisfies PlatformPort;
    return {
      port, dm: { chatId: 'test:sam', kind: 'dm' }, group: { chatId: 'test:circle', kind: 'group' }, refusing: { chatId: 'test:gone', kind: 'dm' },
      last: () => {
        const r = server.received.at(-1);
        return r && { chatId: r.chat, text: r.text };
      },
      close: () => server.stop(),
    };
  },
};

const CAPABILITIES = ['answersInline', 'ephemeral', 'editsMessages', 'asksWithForms'] as const satisfies readonly (keyof PlatformPort)[];
/** Plain words on two lines: nothing any platform escapes. */
const TEXT = 'Time for your check-in, Sam.\nHow was today?';

let n = 0;
const message = (to: Destination, text = TEXT): OutboundMessage => ({ key: `contract:${(n += 1)}`, to, kind: 'reply', reply: reply(text, { private: to.kind === 'dm' }) });

for (const [name, make] of Object.entries(SUBJECTS)) {
  describe(`PlatformPort contract: ${name}`, () => {
    let s: Subject;
    beforeAll(async () => { s = await make(); });
    afterAll(async () => { await s?.close(); });

    it('names its platform and has positive limits', () => {
      expect(s.port.platform).toMatch(/^[a-z]+$/);
      expect(platformOf(s.dm.chatId)).toBe(s.port.platform);
      expect(s.port.limits.perSecond).toBeGreaterThan(0);
      expect(s.port.limits.perChatPerSecond).toBeGreaterThan(0);
      if (s.port.limits.perGroupPerMinute !== undefined) expect(s.port.limits.perGroupPerMinute).toBeGreaterThan(0);
    });

    it('has capabilities that are booleans or absent', () => {
      for (const c of CAPABILITIES) expect(['boolean', 'undefined'], c).toContain(typeof s.port[c]);
      expect(['function', 'undefined']).toContain(typeof s.port.checkGroupAdmin);
    });

    it('makes a start link, where it has them, that opens the bot with the payload', async () => {
      expect(['function', 'undefined']).toContain(typeof s.port.startLink);
      if (!s.port.startLink) return;
      expect(await s.port.startLink('accept-ABCDE12345')).toMatch(/^https:\/\/\S+=accept-ABCDE12345$/);
      expect(await s.port.startLink('not a payload')).toBeNull();
    });

    it('delivers a plain reply to a private chat, as written', async () => {
      expect(await s.port.send(message(s.dm))).toMatchObject({ ok: true });
      expect(s.last()).toEqual({ chatId: s.dm.chatId, text: TEXT });
    });

    it('delivers a plain reply to a group, as written', async () => {
      expect(await s.port.send(message(s.group))).toMatchObject({ ok: true });
      expect(s.last()).toEqual({ chatId: s.group.chatId, text: TEXT });
    });

    it('answers unreachable for someone who turned the bot away', async (ctx) => {
      if (!s.refusing) return ctx.skip();
      const before = s.last();
      expect(await s.port.send(message(s.refusing))).toMatchObject({ ok: false, error: 'unreachable' });
      expect(s.last()).toEqual(before);
    });

    it('answers unreachable for a chat of another platform, and sends nothing', async () => {
      const before = s.last();
      const other = platformId(s.port.platform === 'zz' ? 'yy' : 'zz', '42');
      expect(await s.port.send(message({ chatId: other, kind: 'dm' }))).toMatchObject({ ok: false, error: 'unreachable' });
      expect(s.last()).toEqual(before);
    });
  });
}

describe('platform ids', () => {
  const platform = fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/);

  it('platformId and parsePlatformId round-trip any platform and any own id', () => {
    fc.assert(fc.property(platform, fc.string(), (p, own) => {
      const id = platformId(p, own);
      expect(parsePlatformId(id)).toEqual({ platform: p, own });
      expect(platformOf(id)).toBe(p);
    }));
  });

  it('Telegram: chatIdOf(telegramId(n)) is n for every user and chat id, and null for another platform', () => {
    fc.assert(fc.property(fc.maxSafeInteger(), platform, (id, other) => {
      expect(chatIdOf(telegramId(id))).toBe(id);
      expect(parsePlatformId(telegramId(id))).toEqual({ platform: 'telegram', own: String(id) });
      if (other !== 'telegram') expect(chatIdOf(platformId(other, id))).toBeNull();
    }));
    expect(parsePlatformId(updateKey(7))?.platform).toBe('telegram');
    expect(chatIdOf(updateKey(7))).toBeNull();
  });

  it('Discord: discordIdOf gives back the snowflake of an account or a group chat, and null for another platform', () => {
    const snowflake = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map(String);
    fc.assert(fc.property(snowflake, platform, (id, other) => {
      expect(discordIdOf(accountOf(id))).toBe(id);
      expect(discordIdOf(groupChatOf(id))).toBe(id);
      expect(parsePlatformId(accountOf(id))).toEqual({ platform: 'discord', own: id });
      if (other !== 'discord') expect(discordIdOf(platformId(other, id))).toBeNull();
    }));
    expect(parsePlatformId(interactionKey('9'))?.platform).toBe('discord');
    expect(discordIdOf(interactionKey('9'))).toBeNull();
  });
});
