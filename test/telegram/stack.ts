// The whole Telegram bot for a test: real telegraf, the real core on a SQLite file, and
// the fake Bot API. People talk to it the way they would in the Telegram app.
import { join } from 'node:path';
import { sql } from 'kysely';
import { startTelegram, createTelegramPort, type RunningTelegram } from '../../adapters/telegram/bot.js';
import { loadTelegramConfig, type TelegramConfig } from '../../adapters/telegram/config.js';
import type { TelegramPort } from '../../adapters/telegram/port.js';
import { SettableClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { createCore, type Core } from '../../src/core.js';
import { silentLog } from '../../src/log.js';
import { openDatabase, type Db } from '../../src/store/database.js';
import { createTextSeal } from '../../src/store/sealed-text.js';
import { enqueueMessage } from '../../src/store/outbox.js';
import { findPersonByAccount } from '../../src/store/people.js';
import type { Destination } from '../../src/ports/platform.js';
import type { Reply } from '../../src/ports/reply.js';
import { seededRandom, tempDir } from '../helpers/core-harness.js';
import type { FakeChat, FakeTelegram, FakeUser, SentMessage } from '../helpers/fake-telegram.js';

export interface Stack {
  core: Core;
  /** Puts replies in the outbox as the core does for its own answers (`key:0`, `key:1`, …). */
  queue(to: Destination, recipientAccount: string | null, replies: readonly Reply[], key: string): Promise<void>;
  db: Db;
  clock: SettableClock;
  port: TelegramPort;
  telegram: RunningTelegram;
  config: TelegramConfig;
  file: string;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** The SQLite file; a fresh temp file by default (reuse one to restart the bot). */
  file?: string;
  /** The instant the bot's clock reads now; it then moves with real time. */
  at?: string;
  env?: Record<string, string>;
}

export async function startStack(fake: FakeTelegram, opts: StackOptions = {}): Promise<Stack> {
  const file = opts.file ?? join(tempDir('steadfast-telegram-'), 'steadfast.db');
  const config = loadConfig({ DATABASE_URL: `sqlite:${file}`, DATA_DIR: join(file, '..') });
  const tg = loadTelegramConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, ...opts.env })!;
  const db = await openDatabase(config.storage);
  const clock = new SettableClock();
  clock.advance(Date.parse(opts.at ?? '2026-03-10T12:00:00Z') - Date.now());
  const port = createTelegramPort(tg, silentLog);
  const seal = createTextSeal(null);
  const core = createCore({ db, clock, config, log: silentLog, seal, random: seededRandom(7), ports: [port] });
  await core.start();
  const telegram = await startTelegram({ core, config: tg, log: silentLog, webhookHost: '127.0.0.1' });
  return {
    core, db, clock, port, telegram, config: tg, file,
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
      await db.destroy();
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
  constructor(private readonly fake: FakeTelegram, private readonly stack: () => Stack, readonly user: FakeUser) {}

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
