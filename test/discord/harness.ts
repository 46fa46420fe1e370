// The whole Discord stack for a test: the fake Discord, the real discord.js Client, the real
// core of a test core on a SQLite file with a settable clock, and the DiscordPort the outbox
// sends through.
import { DiscordPort } from '../../adapters/discord/port.js';
import { startDiscord, type DiscordBot } from '../../adapters/discord/bot.js';
import type { DiscordConfig } from '../../adapters/discord/config.js';
import type { SettableClock } from '../../src/clock.js';
import type { Core } from '../../src/core.js';
import { createLog } from '../../src/log.js';
import { CommandRateLimit } from '../../src/services/command-pace.js';
import type { Db } from '../../src/store/database.js';
import { FakeDiscord, type FakeDiscordOptions, type FakeUser, type InteractionRecord, type SeenMessage } from '../helpers/fake-discord.js';
import { createTestCore } from '../helpers/core-harness.js';

export const GUILD = '300000000000000001';
export const CHANNEL = '300000000000000002';
export const SERVER = { guilds: [{ id: GUILD, name: 'Recovery circle', channels: [{ id: CHANNEL, name: 'daily-check-ins' }] }] };

export const user = (n: number, name = `person${n}`): FakeUser => ({ id: String(400000000000000000n + BigInt(n)), username: name });

export interface DiscordTestBot {
  fake: FakeDiscord;
  core: Core;
  db: Db;
  clock: SettableClock;
  port: DiscordPort;
  bot: DiscordBot;
  config: DiscordConfig;
  /** Waits until the interaction was answered and the bot has finished with it. */
  answered(record: InteractionRecord): Promise<SeenMessage[]>;
  /** Sets someone up directly through the core (role, time zone UTC), as a DM would. */
  onboard(u: FakeUser, role?: 'recovery' | 'partner' | 'supporter'): Promise<void>;
  close(): Promise<void>;
}

/** Logs stay silent unless TEST_LOG=debug (or another level) is set. */
const log = createLog(process.env.TEST_LOG ?? 'silent');

export async function startDiscordTestBot(opts: { fake?: FakeDiscordOptions; at?: string } = {}): Promise<DiscordTestBot> {
  const fake = await FakeDiscord.start(opts.fake ?? SERVER);
  const config: DiscordConfig = { token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl, guildId: null };
  const port = new DiscordPort(config);
  // Paced per account as the real bot is.
  const testCore = await createTestCore({ at: opts.at, seed: 7, log, ports: [port], commandLimit: new CommandRateLimit() });
  const { core, db, clock } = testCore;
  const bot = await startDiscord({ core, log, config });
  let n = 0;
  return {
    fake, core, db, clock, port, bot, config,
    async answered(record) {
      await fake.waitFor(() => record.callbacks.length > 0, 5_000, `an answer to interaction ${record.id}`);
      await bot.idle();
      return fake.seen(record);
    },
    async onboard(u, role = 'recovery') {
      const base = { account: `discord:${u.id}`, displayName: u.username, chat: { id: `discord:${u.id}`, kind: 'dm' as const } };
      await core.handle({ ...base, text: `/role ${role}`, idempotencyKey: `setup:${u.id}:${(n += 1)}` });
      await core.handle({ ...base, text: '/timezone UTC', idempotencyKey: `setup:${u.id}:${(n += 1)}` });
    },
    async close() {
      await bot.stop();
      await core.stop();
      await testCore.close();
      await fake.close();
    },
  };
}
