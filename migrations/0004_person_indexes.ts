import type { Kysely } from 'kysely';

/*
 * Every column that names a person gets an index leading with it: /delete and foreign-key
 * checks on people then look rows up instead of scanning whole tables as they grow. And the
 * age of processed updates, which the tick prunes.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('fanos_entries_person').on('fanos_entries').column('person_id').execute();
  await db.schema.createIndex('groups_created_by').on('groups').column('created_by').execute();
  // Old update ids are forgotten by age every tick.
  await db.schema.createIndex('processed_events_at').on('processed_events').column('processed_at').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('processed_events_at').execute();
  await db.schema.dropIndex('groups_created_by').execute();
  await db.schema.dropIndex('fanos_entries_person').execute();
}
