// Shared pieces for scheduler tests that run the real core through simulated days.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../src/store/database.js';
import { accountOf, type TestBot } from '../helpers/core-harness.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** Words a lock screen must never show in the first two lines of a message the bot starts. */
export const LOCK_SCREEN_TERMS = [
  'relapse', 'sober', 'sobriety', 'addict', 'porn', 'sex', 'sexual', 'lust', 'masturbat', 'acting out', 'recovery',
] as const;

export function indiscreetTermsIn(text: string): string[] {
  const lower = text.toLowerCase();
  return LOCK_SCREEN_TERMS.filter((t) => lower.includes(t));
}

/** What a lock screen shows of a message: its first two lines with text (phones show two to four). */
export function lockScreenOf(text: string): string {
  return text.split('\n').filter((l) => l.trim() !== '').slice(0, 2).join('\n');
}

export async function personIdOf(db: Db, as: string): Promise<string> {
  const row = await db.selectFrom('accounts').select('person_id').where('id', '=', accountOf(as)).executeTakeFirstOrThrow();
  return row.person_id;
}

/**
 * A supporter link, written straight into the table (links have no commands yet). Only the
 * original columns are named, so columns added later keep their defaults.
 */
export async function addLink(
  db: Db, person: string, supporter: string, o: { scopes?: string; relation?: string; endedAt?: Date; at?: Date } = {},
): Promise<string> {
  const id = randomUUID();
  const created = (o.at ?? new Date(Date.UTC(2026, 0, 1))).toISOString();
  await sql`insert into links (id, person_id, supporter_id, relation, scopes, created_at, ended_at)
    values (${id}, ${person}, ${supporter}, ${o.relation ?? 'sponsor'}, ${o.scopes ?? 'alerts,sos,milestones'}, ${created},
      ${o.endedAt ? o.endedAt.toISOString() : null})`.execute(db);
  return id;
}

/**
 * Runs the bot's minute tick and the dispatcher at every step from the clock's time up to
 * and including `until`, as the process would with its cron tick (coarser steps keep the
 * suite fast; every due instant the tests use falls on a step).
 */
export async function simulate(
  bot: TestBot, until: Date | string, stepMs = 15 * MINUTE, tickOnce: () => Promise<unknown> = () => bot.core.tick(),
): Promise<void> {
  const end = new Date(until).getTime();
  for (let t = bot.clock.now().getTime() + stepMs; t <= end; t += stepMs) {
    bot.clock.set(new Date(t));
    await tickOnce();
    await bot.core.dispatcher.flush();
  }
}
