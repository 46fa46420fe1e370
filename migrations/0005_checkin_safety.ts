import type { Kysely } from 'kysely';

/*
 * PRODUCT.md asks a partner's check-in about safety: whether they feel safe today
 * (1 yes, 0 no, null not answered). Everyone may answer it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('checkins').addColumn('safe', 'integer').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('checkins').dropColumn('safe').execute();
}
