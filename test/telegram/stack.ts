// The whole Telegram bot for a test: real telegraf, the real core of a test core on a SQLite
// file, and the fake Bot API. People talk to it the way they would in the Telegram app.
import { sql } from 'kysely';
import { startTelegram, createTelegramPort, type RunningTelegram } from '../../adapters/telegram/bot.js';
import { loadTelegramConfig, type TelegramConfig } from '../../adapters/telegram/config.js';
import type { TelegramPort } from '../../adapters/telegram/port.js';
import type { SettableClock } from '../../src/clock.js';
import type { Core } from '../../src/core.js';
import { silentLog } from '../../src/log.js';
import { CommandRateLimit } from '../../src/services/command-pace.js';
import type { Db } from '../../src/store/database.js';
import { enqueueMessage } from '../../src/store/outbox.js';
import { findPersonByAccount } from '../../src/store/people.js';
import type { Destination } from '../../src/ports/platform.js';
import type { Reply } from '../../src/ports/reply.js';
import { createTestCore, runningClock } from '../helpers/core-harness.js';
import type { FakeChat, FakeTelegram, FakeUser, SentMessage } from '../helpers/fake-telegram.js';

export interface TelegramTestBot {
  core: Core;
  /** Puts replies in the outbox as the core does for its own answers (`key:0`, `key:1`, …). */
  queue(to: Destination, recipientAccount: string | null, replies: readonly Reply[], key: string): Promise<void>;
  db: Db;
  clock: SettableClock;
  port: TelegramPort;
  telegram: RunningTelegram;
  config: TelegramConfig;
  file: string;
  /** Stops the bot and keeps its SQLite file, so a new one can start on it. */
  stop(): Promise<void>;
}

export interface TelegramTestBotOptions {
  /** The SQLite file; a fresh temp file by default (reuse one to restart the bot). */
  file?: string;
  /** The instant the bot's clock reads now; it then moves with real time. */
  at?: string;
  env?: Record<string, string>;
}

export async function startTelegramTestBot(fake: FakeTelegram, opts: TelegramTestBotOptions = {}): Promise<TelegramTestBot> {
  const tg = loadTelegramConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, ...opts.env })!;
  const port = createTelegramPort(tg, silentLog);
  const base = await createTestCore({
    storage: opts.file ? { kind: 'sqlite', file: opts.file } : 'sqlite-file', clock: runningClock(opts.at), seed: 7, ports: [port],
    // Paced per account as the real bot is.
    commandLimit: new CommandRateLimit(),
  });
  const { core, db, clock, seal } = base;
  await core.start();
  const telegram = await startTelegram({ core, config: tg, log: silentLog, webhookHost: '127.0.0.1' });
  return {
    core, db, clock, port, telegram, config: tg, file: base.file!,
    async queue(to, recipientAccount, replies, key) {
      const person = recipientAccount ? await findPersonByAccount(db, recipientAccount) : null;
      for (const [i, r] of replies.entries()) {
        await enqueueMessage(db, seal, { key: `${key}:${i}`, topic: 'answer', to, recipientId: person?.id ?? null, reply: r, notBefore: clock.now() }, clock.now());
      }
      core.dispatcher.poke();
    },
    async stop() {
      await telegram.stop();
      await core.stop();
      await base.close({ keepFiles: true });
    },
  };
}

/** Waits until no outbox row whose key starts with `prefix` is still waiting to be sent. */
export async function outboxSettled(fake: FakeTelegram, db: Db, prefix: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const open = await db.selectFrom('outbox').select(sql<number>`count(*)`.as('n'))
      .where('idem_key', 'like', `${prefix}%`).where('status', 'in', ['queued', 'sending']).executeTakeFirstOrThrow();
    if (Number(open.n) === 0) return;
    if (Date.now() > end) throw new Error(`outbox rows ${prefix}* still unsent`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * A person in the Telegram app. Each action waits until the bot has handled the update
 * and sent every answer, then returns what arrived in their private chat and, if the
 * action was in a group, what the group saw.
 */
export class Person {
  constructor(private readonly fake: FakeTelegram, private readonly stack: () => TelegramTestBot, readonly user: FakeUser) {}

  get dm(): { id: number } {
    return { id: this.user.id };
  }

  /** Every message the bot sent this person in private. */
  inbox(): SentMessage[] {
    return this.fake.messagesTo(this.dm);
  }

  /** The latest private message with a button of this label. */
  lastWithButton(label: string): SentMessage {
    const found = [...this.inbox()].reverse().find((m) => m.buttons.flat().some((b) => b.text === label));
    if (!found) throw new Error(`${this.user.first_name} has no message with a "${label}" button`);
    return found;
  }

  async say(text: string): Promise<SentMessage[]> {
    return (await this.act(() => this.fake.say(this.user, text))).dm;
  }

  async press(label: string, message?: SentMessage): Promise<SentMessage[]> {
    return (await this.act(() => this.fake.press(this.user, message ?? this.lastWithButton(label), label))).dm;
  }

  async sayIn(group: FakeChat, text: string): Promise<{ dm: SentMessage[]; group: SentMessage[] }> {
    return this.act(() => this.fake.say(this.user, text, group), group);
  }

  /** Sends updates and waits for their answers. */
  async act(push: () => number | number[], group?: FakeChat): Promise<{ dm: SentMessage[]; group: SentMessage[] }> {
    const before = this.fake.shown.length;
    const pushed = push();
    const ids = Array.isArray(pushed) ? pushed : [pushed];
    const last = Math.max(...ids);
    await this.fake.waitFor(() => this.fake.acknowledged(last), 15_000, `update ${last} to be handled`);
    for (const id of ids) await outboxSettled(this.fake, this.stack().db, `telegram:update:${id}:`);
    // New messages, and messages changed in place (a pressed guided form), as the person saw them.
    const fresh = [...new Set(this.fake.shown.slice(before))];
    return {
      dm: fresh.filter((m) => m.chatId === this.user.id),
      group: group ? fresh.filter((m) => m.chatId === group.id) : [],
    };
  }
}

export function texts(messages: readonly SentMessage[]): string {
  return messages.map((m) => m.text).join('\n\n');
}
