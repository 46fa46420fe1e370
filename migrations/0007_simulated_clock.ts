import type { Kysely } from 'kysely';

/*
 * The console's simulated clock is kept with the data: how far it runs ahead of real time
 * (one row), so a restart continues in the simulated week instead of jumping back to today.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('simulated_clock')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ahead_ms', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('simulated_clock').execute();
}
