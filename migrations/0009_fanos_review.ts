import type { Kysely } from 'kysely';

/*
 * FANOS with care: a person's answers are shared only after they have seen them whole and
 * said so (ready_at), and may be held back instead (held_at, with why: for a planned
 * conversation, or to take to a therapist or coach). Answers already shared count as
 * reviewed; answers written but not yet shared wait for their writer's review.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('fanos_entries').addColumn('ready_at', 'text').execute();
  await db.schema.alterTable('fanos_entries').addColumn('held_at', 'text').execute();
  await db.schema.alterTable('fanos_entries').addColumn('hold_reason', 'text').execute();
  await db.updateTable('fanos_entries').set((eb) => ({ ready_at: eb.ref('shared_at') })).where('shared_at', 'is not', null).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const c of ['hold_reason', 'held_at', 'ready_at']) await db.schema.alterTable('fanos_entries').dropColumn(c).execute();
}
