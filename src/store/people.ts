import { randomUUID } from 'node:crypto';
import type { LocalDate, TimeZone } from '../domain/local-date.js';
import type { AccountId, Awaiting, Person } from '../domain/person.js';
import { platformOf } from '../domain/platform-id.js';
import type { Role } from '../domain/roles.js';
import type { TimeOfDay } from '../domain/time-of-day.js';
import { fromDbInstant, toDbInstant } from './convert.js';
import type { Db } from './database.js';
import type { PeopleTable } from './schema.js';

function toPerson(row: PeopleTable): Person {
  return {
    id: row.id,
    role: row.role as Role | null,
    timezone: row.timezone as TimeZone,
    promptTime: row.prompt_time as TimeOfDay | null,
    promptDays: row.prompt_days,
    quiet: row.quiet_start && row.quiet_end
      ? { start: row.quiet_start as TimeOfDay, end: row.quiet_end as TimeOfDay }
      : null,
    pausedUntil: row.paused_until ? fromDbInstant(row.paused_until) : null,
    awaiting: row.awaiting ? (JSON.parse(row.awaiting) as Awaiting) : null,
    joinedOn: row.joined_on as LocalDate,
    createdAt: fromDbInstant(row.created_at),
    unansweredPrompts: row.unanswered_prompts,
  };
}

export async function findPersonByAccount(db: Db, account: AccountId): Promise<Person | null> {
  const row = await db.selectFrom('people')
    .innerJoin('accounts', 'accounts.person_id', 'people.id')
    .selectAll('people')
    .where('accounts.id', '=', account)
    .executeTakeFirst();
  return row ? toPerson(row) : null;
}

/** The person an account belongs to right now, or null when it belongs to no one (erased). */
export async function personIdOfAccount(db: Db, account: AccountId): Promise<string | null> {
  const row = await db.selectFrom('accounts').select('person_id').where('id', '=', account).executeTakeFirst();
  return row?.person_id ?? null;
}

export async function getPerson(db: Db, id: string): Promise<Person | null> {
  const row = await db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toPerson(row) : null;
}

export interface NewPerson {
  account: AccountId;
  displayName: string | null;
  timezone: TimeZone;
  promptTime: TimeOfDay;
  joinedOn: LocalDate;
  now: Date;
}

export async function createPerson(db: Db, p: NewPerson): Promise<Person> {
  const id = randomUUID();
  const at = toDbInstant(p.now);
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('people').values({
      id, role: null, timezone: p.timezone, prompt_time: p.promptTime, prompt_days: '1234567',
      quiet_start: null, quiet_end: null, paused_until: null, awaiting: null, joined_on: p.joinedOn, created_at: at,
      unanswered_prompts: 0,
    }).execute();
    await trx.insertInto('accounts').values({
      id: p.account, person_id: id, platform: platformOf(p.account), display_name: p.displayName, created_at: at, last_seen_at: at,
    }).execute();
  });
  return (await getPerson(db, id))!;
}

export type PersonSettings = Partial<Pick<Person, 'role' | 'timezone' | 'promptTime' | 'promptDays' | 'quiet' | 'pausedUntil' | 'awaiting'>>;

export async function updatePerson(db: Db, id: string, s: PersonSettings): Promise<void> {
  const set: Partial<PeopleTable> = {};
  if (s.role !== undefined) set.role = s.role;
  if (s.timezone !== undefined) set.timezone = s.timezone;
  if (s.promptTime !== undefined) set.prompt_time = s.promptTime;
  if (s.promptDays !== undefined) set.prompt_days = s.promptDays;
  if (s.quiet !== undefined) {
    set.quiet_start = s.quiet?.start ?? null;
    set.quiet_end = s.quiet?.end ?? null;
  }
  if (s.pausedUntil !== undefined) set.paused_until = s.pausedUntil ? toDbInstant(s.pausedUntil) : null;
  if (s.awaiting !== undefined) set.awaiting = s.awaiting ? JSON.stringify(s.awaiting) : null;
  if (Object.keys(set).length === 0) return;
  await db.updateTable('people').set(set).where('id', '=', id).execute();
}

export async function accountsOf(db: Db, personId: string) {
  return db.selectFrom('accounts').selectAll().where('person_id', '=', personId).orderBy('created_at').execute();
}

/** Records that an account was just heard from; returns whether it had been unreachable (so the person can be told). */
export async function touchAccount(db: Db, account: AccountId, now: Date, inDirectChat: boolean): Promise<{ wasUnreachable: boolean }> {
  const at = toDbInstant(now);
  const seen = { last_seen_at: at, ...(inDirectChat ? { dm_seen_at: at } : {}) };
  // One statement in the usual case; the second only for an account marked unreachable.
  const usual = await db.updateTable('accounts').set(seen).where('id', '=', account).where('unreachable_at', 'is', null).executeTakeFirst();
  if (Number(usual.numUpdatedRows) === 1) return { wasUnreachable: false };
  const cleared = await db.updateTable('accounts').set({ ...seen, unreachable_at: null }).where('id', '=', account).executeTakeFirst();
  return { wasUnreachable: Number(cleared.numUpdatedRows) === 1 };
}

export async function markAccountUnreachable(db: Db, account: AccountId, now: Date): Promise<void> {
  await db.updateTable('accounts').set({ unreachable_at: toDbInstant(now) }).where('id', '=', account).execute();
}

/**
 * Where messages the bot starts reach a person: the account they used most recently and
 * that the platform has not refused. Null when there is none.
 */
export async function homeAccount(db: Db, personId: string): Promise<AccountId | null> {
  const row = await db.selectFrom('accounts').select('id')
    .where('person_id', '=', personId).where('unreachable_at', 'is', null)
    .orderBy((eb) => eb.fn.coalesce('last_seen_at', 'created_at'), 'desc').executeTakeFirst();
  return row?.id ?? null;
}

export async function isAccountUnreachable(db: Db, account: AccountId): Promise<boolean> {
  const row = await db.selectFrom('accounts').select('unreachable_at').where('id', '=', account).executeTakeFirst();
  return Boolean(row?.unreachable_at);
}

/** Whether the account ever wrote to the bot in a private chat (so a private answer can reach it there). */
export async function knowsDirectChat(db: Db, account: AccountId): Promise<boolean> {
  const row = await db.selectFrom('accounts').select('dm_seen_at').where('id', '=', account).executeTakeFirst();
  return Boolean(row?.dm_seen_at);
}

/**
 * Takes the person's row lock for the rest of the transaction (PostgreSQL runs transactions
 * side by side), so two check-ins at once cannot both see "no relapse yet today". The write is
 * a check-in's own: every prompt before it is answered now, so the prompts are daily again from
 * the next one. It writes a column no foreign key points at, so SQLite does not check every child table.
 */
export async function lockPersonForCheckin(db: Db, id: string): Promise<void> {
  await db.updateTable('people').set({ unanswered_prompts: 0 }).where('id', '=', id).execute();
}
