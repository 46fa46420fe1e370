import type { Kysely } from 'kysely';

/*
 * A boundary is shared with one partner link, not with whoever is linked later. Boundaries
 * shared before keep going to the partner they are linked with now.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('boundary_shares')
    .addColumn('boundary_id', 'text', (c) => c.notNull().references('boundaries.id').onDelete('cascade'))
    .addColumn('link_id', 'text', (c) => c.notNull().references('links.id').onDelete('cascade'))
    .addColumn('shared_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('boundary_shares_pk', ['boundary_id', 'link_id'])
    .execute();
  await db.schema.createIndex('boundary_shares_link').on('boundary_shares').column('link_id').execute();

  await db.insertInto('boundary_shares').columns(['boundary_id', 'link_id', 'shared_at'])
    .expression(db.selectFrom('boundaries as b')
      .innerJoin('links as l', (j) => j.onRef('l.person_id', '=', 'b.person_id'))
      .select(['b.id', 'l.id', 'b.created_at'])
      .where('b.shared', '=', 1).where('l.relation', '=', 'partner').where('l.ended_at', 'is', null))
    .execute();
  await db.schema.alterTable('boundaries').dropColumn('shared').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('boundaries').addColumn('shared', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.updateTable('boundaries').set({ shared: 1 })
    .where('id', 'in', db.selectFrom('boundary_shares').select('boundary_id')).execute();
  await db.schema.dropTable('boundary_shares').execute();
}
