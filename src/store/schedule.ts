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
export async function dueIds(
  db: Db, column: 'next_prompt_at' | 'reminder_at' | 'grace_at' | 'next_summary_at', now: Date, limit: number,
): Promise<{ id: string; due: string }[]> {
  const rows = await db.selectFrom('people').select(['id', column]).where(column, '<=', toDbInstant(now))
    .orderBy(column).limit(limit).execute();
  return rows.map((r) => ({ id: r.id, due: (r as Record<string, string>)[column]! }));
}
