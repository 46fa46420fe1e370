import { sql } from 'kysely';
import type { Occurrence } from '../domain/due-time.js';
import type { LocalDate } from '../domain/local-date.js';
import { toDbInstant } from './convert.js';
import type { Db } from './database.js';

/** The due-work columns of one person, as the scheduler reads them. */
export interface DueState {
  nextPromptAt: string | null;
  pendingPromptDate: LocalDate | null;
  lastPromptDate: LocalDate | null;
}

export async function dueState(db: Db, personId: string): Promise<DueState> {
  const r = await db.selectFrom('people').select(['next_prompt_at', 'pending_prompt_date', 'last_prompt_date'])
    .where('id', '=', personId).executeTakeFirstOrThrow();
  return {
    nextPromptAt: r.next_prompt_at,
    pendingPromptDate: r.pending_prompt_date as LocalDate | null,
    lastPromptDate: r.last_prompt_date as LocalDate | null,
  };
}

export async function setNextPrompt(db: Db, personId: string, next: Occurrence | null): Promise<void> {
  await db.updateTable('people').set({
    next_prompt_at: next ? toDbInstant(next.at) : null,
    pending_prompt_date: next?.localDate ?? null,
  }).where('id', '=', personId).execute();
}

export async function setNextSummary(db: Db, personId: string, at: Date | null): Promise<void> {
  await db.updateTable('people').set({ next_summary_at: at ? toDbInstant(at) : null }).where('id', '=', personId).execute();
}

/** Ids whose `column` is due at `now`, oldest first: an index range scan. */
export async function dueIds(db: Db, column: DueColumn, now: Date, limit: number): Promise<{ id: string; due: string }[]> {
  const rows = await db.selectFrom('people').select(['id', column]).where(column, '<=', toDbInstant(now))
    .orderBy(column).limit(limit).execute();
  return rows.map((r) => ({ id: r.id, due: (r as Record<string, string>)[column]! }));
}

export type DueColumn = 'next_prompt_at' | 'reminder_at' | 'grace_at' | 'next_summary_at';

/** Which due columns of people and groups hold anything due at `now`. */
export interface AnythingDue {
  people: Record<DueColumn, boolean>;
  groups: boolean;
}

/**
 * Whether anything at all is due, in one statement (six index probes): most ticks find
 * nothing, and on PostgreSQL each statement is a round trip.
 */
export async function anythingDue(db: Db, now: Date): Promise<AnythingDue> {
  const at = toDbInstant(now);
  // Written out: six EXISTS over the due indexes, true/false on PostgreSQL and 1/0 on SQLite.
  const { rows } = await sql<Record<'p' | 'r' | 'g' | 's' | 'gp' | 'gr', boolean | number>>`select
    exists (select 1 from people where next_prompt_at <= ${at}) as p,
    exists (select 1 from people where reminder_at <= ${at}) as r,
    exists (select 1 from people where grace_at <= ${at}) as g,
    exists (select 1 from people where next_summary_at <= ${at}) as s,
    exists (select 1 from groups where next_prompt_at <= ${at}) as gp,
    exists (select 1 from groups where next_rollcall_at <= ${at}) as gr`.execute(db);
  const r = rows[0]!;
  const yes = (v: boolean | number) => v === true || Number(v) === 1;
  return {
    people: { next_prompt_at: yes(r.p), reminder_at: yes(r.r), grace_at: yes(r.g), next_summary_at: yes(r.s) },
    groups: yes(r.gp) || yes(r.gr),
  };
}

/** The columns a claim may set along with clearing its due column. */
export type DueChanges = Partial<Record<DueColumn | 'pending_prompt_date' | 'last_prompt_date' | 'grace_date', string | null>> & { unanswered_prompts?: number };

/** Compare-and-set on a due column: only the caller that saw `due` there moves it on. */
export async function claimDue(db: Db, id: string, column: DueColumn, due: string, set: DueChanges): Promise<boolean> {
  const r = await db.updateTable('people').set({ [column]: null, ...set }).where('id', '=', id).where(column, '=', due).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * The local date the pending prompt is for (once computed by a change of settings), and the
 * last date a prompt went out with a deadline (the one whose check-in is awaited).
 */
export async function promptState(db: Db, personId: string): Promise<{ pendingDate: LocalDate | null; lastDeadlineDate: LocalDate | null }> {
  const r = await db.selectFrom('people').select(['pending_prompt_date', 'grace_date']).where('id', '=', personId).executeTakeFirstOrThrow();
  return { pendingDate: r.pending_prompt_date as LocalDate | null, lastDeadlineDate: r.grace_date as LocalDate | null };
}

/** The day whose check-in is awaited, and when it counts as missed. */
export async function graceOf(db: Db, personId: string): Promise<{ date: LocalDate | null; at: string | null }> {
  const r = await db.selectFrom('people').select(['grace_date', 'grace_at']).where('id', '=', personId).executeTakeFirstOrThrow();
  return { date: r.grace_date as LocalDate | null, at: r.grace_at };
}
