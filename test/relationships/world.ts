// A small world for relationship tests: one real test bot, two in-process platforms
// ('console', 'telegram') that the outbox dispatcher delivers to and that share one log, and
// people who talk to the core on the platform of their own account (`console:alice`,
// `telegram:123`).
import { sql } from 'kysely';
import { platformOf } from '../../src/domain/platform-id.js';
import type { ChatRef } from '../../src/ports/inbound.js';
import type { Reply } from '../../src/ports/reply.js';
import type { Db } from '../../src/store/database.js';
import { dueMessages } from '../../src/store/outbox.js';
import { PERSON_TABLES } from '../../src/store/person-registry.js';
import type { TextSeal } from '../../src/store/sealed-text.js';
import { createTestBot, exportOf, type TestBot, type TestBotOptions } from '../helpers/core-harness.js';
import { InProcessPlatform, type SendCall } from '../helpers/in-process-platform.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const ALL_SCOPES = 'alerts,sos,milestones,status,mood,notes';

export interface Actor {
  /** Platform-prefixed account id, e.g. `console:alice` or `telegram:123`. */
  account: string;
  name: string;
  platform: string;
  dm: ChatRef;
}

export interface SendOpts {
  chat?: ChatRef;
  senderIsGroupAdmin?: boolean;
}

export interface World {
  bot: TestBot;
  db: Db;
  seal: TextSeal;
  platforms: Record<'console' | 'telegram', InProcessPlatform>;
  /** A person who talks to the core from `account` (default `console:<name>`). */
  actor(name: string, account?: string): Actor;
  send(who: Actor, text: string, opts?: SendOpts): Promise<Reply[]>;
  say(who: Actor, text: string, opts?: SendOpts): Promise<string>;
  onboard(who: Actor, role: 'recovery' | 'partner' | 'supporter'): Promise<void>;
  /** `/invite relation` from `person`, `/accept` from `supporter`; returns the supporter's reply. */
  link(person: Actor, supporter: Actor, relation?: 'sponsor' | 'partner' | 'coach'): Promise<string>;
  /** Sends everything the outbox has due now through the recording platforms (fast: no pause between rounds). */
  deliver(): Promise<void>;
  /** The same through the core's own `dispatcher.flush()` (about a second slower per round that sends). */
  flush(): Promise<void>;
  /** The scheduler's tick, then delivery. */
  tickAndDeliver(): Promise<void>;
  /** Moves the clock to `at` (ISO or Date). */
  at(instant: string | Date): void;
  advance(ms: number): void;
  /** Everything every platform delivered to a chat (an account's DM or a group). */
  inbox(chatId: string): SendCall[];
  /** Every delivery on every platform. */
  all(): SendCall[];
  personId(who: Actor): Promise<string>;
  /** The person's `/export`, parsed, without `exportedAt`. */
  exported(who: Actor): Promise<Record<string, unknown>>;
  outbox(): Promise<{ idem_key: string; status: string; last_error: string | null; chat_id: string; kind: string }[]>;
  close(): Promise<void>;
}

export function codeIn(text: string): string {
  const m = /\b([0-9A-Z]{5}-[0-9A-Z]{5})\b/.exec(text);
  if (!m) throw new Error(`no code in: ${text}`);
  return m[1]!;
}

/** A test bot (in-memory SQLite by default) serving people on two in-process platforms, 'console' and 'telegram'. */
export async function createWorld(opts: Omit<TestBotOptions, 'ports'> = {}): Promise<World> {
  const everything: SendCall[] = [];
  // Every send is accepted; limits high enough that no simulated week waits for pacing.
  const limits = { perSecond: 100_000, perChatPerSecond: 100_000 };
  const platforms = {
    console: new InProcessPlatform({ platform: 'console', limits, log: everything }),
    telegram: new InProcessPlatform({ platform: 'telegram', limits, log: everything }),
  };
  const bot = await createTestBot({ storage: 'sqlite-memory', ...opts, ports: [platforms.console, platforms.telegram] });
  const send = (who: Actor, text: string, o: SendOpts = {}) => bot.core.handle({
    account: who.account, displayName: who.name, chat: o.chat ?? who.dm, text, senderIsGroupAdmin: o.senderIsGroupAdmin,
  });
  const say = async (who: Actor, text: string, o?: SendOpts) => (await send(who, text, o)).map((r) => r.text).join('\n\n');
  const deliver = async () => {
    const d = bot.core.dispatcher;
    // Like dispatcher.flush(), without its pause between rounds, so simulated weeks stay fast.
    for (let round = 0; round < 1_000; round += 1) {
      if ((await dueMessages(bot.db, bot.clock.now(), 1)).length === 0) return;
      await d.dispatchDue();
      await d.settle();
    }
    throw new Error('deliver: the outbox did not drain');
  };
  const all = () => everything.filter((d) => d.delivered);
  const world: World = {
    bot, db: bot.db, seal: bot.seal, platforms,
    actor(name, account) {
      const acc = account ?? `console:${name.toLowerCase()}`;
      return { account: acc, name, platform: platformOf(acc), dm: { id: acc, kind: 'dm' } };
    },
    send,
    say,
    async onboard(who, role) {
      await send(who, `/role ${role}`);
      await send(who, '/timezone UTC');
    },
    async link(person, supporter, relation = 'sponsor') {
      const code = codeIn(await say(person, `/invite ${relation}`));
      return say(supporter, `/accept ${code}`);
    },
    deliver,
    flush: () => bot.core.dispatcher.flush(),
    async tickAndDeliver() {
      await bot.core.tick();
      await deliver();
    },
    at(instant) {
      bot.clock.set(new Date(instant));
    },
    advance(ms) {
      bot.clock.advance(ms);
    },
    inbox: (chatId) => all().filter((d) => d.chatId === chatId),
    all,
    async personId(who) {
      const row = await bot.db.selectFrom('accounts').select('person_id').where('id', '=', who.account).executeTakeFirstOrThrow();
      return row.person_id;
    },
    async exported(who) {
      return exportOf(await send(who, '/export'));
    },
    async outbox() {
      return bot.db.selectFrom('outbox').select(['idem_key', 'status', 'last_error', 'chat_id', 'kind']).orderBy('created_at').execute();
    },
    close: () => bot.close(),
  };
  return world;
}

/** Row counts of every table (the migrator's own left out). */
export async function tableCounts(db: Db): Promise<Record<string, number>> {
  const tables = (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name`.execute(db)).rows;
  const out: Record<string, number> = {};
  for (const { name } of tables) {
    const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(name)}`.execute(db);
    out[name] = Number(r.rows[0]!.n);
  }
  return out;
}

/** Every row of every table as JSON, sealed values opened at their places (the registry's), so a search sees what a key holder would. */
export async function openedDump(db: Db, seal: TextSeal): Promise<Record<string, string>> {
  const tables = (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db)).rows;
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const sealed = PERSON_TABLES.find((e) => e.table === name)?.sealed;
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db)).rows;
    out[name] = JSON.stringify(rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [
      k, typeof v === 'string' && v.startsWith('gcm') && sealed?.columns.includes(k) ? seal.open(v, { table: name, column: k, ...sealed.place(row) }) : v,
    ]))));
  }
  return out;
}

/** Columns that name a person: foreign keys to people.id and columns called person_id. */
export async function personColumns(db: Db): Promise<{ table: string; column: string }[]> {
  const rows = (await sql<{ table_name: string; column_name: string; refs: number }>`
    select m.name as table_name, p.name as column_name,
      exists (select 1 from pragma_foreign_key_list(m.name) f where f."from" = p.name and f."table" = 'people') as refs
    from sqlite_master m join pragma_table_info(m.name) p
    where m.type = 'table' and m.name not like 'sqlite_%'`.execute(db)).rows;
  return rows.filter((r) => r.refs === 1 || r.column_name === 'person_id').map((r) => ({ table: r.table_name, column: r.column_name }));
}

export function plusDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

/**
 * Lives `days` UTC days from `first`: each day the scheduler runs at 08:00 (yesterday's
 * grace deadline), `act` runs at 12:00 (it may move the clock on, up to 19:59), then the
 * scheduler runs at 20:00 (prompts) and 22:30 (group roll calls); everything due is
 * delivered after each step. Ends with the next morning's 08:00 tick.
 */
export async function liveDays(
  w: World, first: string, days: number, act: (i: number, date: string) => Promise<void>,
): Promise<void> {
  const step = async (instant: string) => {
    if (Date.parse(instant) < w.bot.clock.now().getTime()) return;
    w.at(instant);
    await w.tickAndDeliver();
  };
  for (let i = 0; i < days; i += 1) {
    const date = plusDays(first, i);
    await step(`${date}T08:00:00Z`);
    if (Date.parse(`${date}T12:00:00Z`) >= w.bot.clock.now().getTime()) w.at(`${date}T12:00:00Z`);
    await act(i, date);
    await w.deliver();
    await step(`${date}T20:00:00Z`);
    await step(`${date}T22:30:00Z`);
  }
  await step(`${plusDays(first, days)}T08:00:00Z`);
}
