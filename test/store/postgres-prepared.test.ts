// Statements are kept prepared per PostgreSQL connection (src/store/postgres.ts): a table
// changed under them (another instance migrating) must not break the next query.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDatabase, useDatabase } from '../helpers/databases.js';

describeEachDatabase('prepared statements', (target) => {
  const t = useDatabase(target);

  it('the same query keeps answering after a column is added to its table elsewhere', async () => {
    const db = t.db;
    await sql`create table prepared_probe (id text primary key, a text)`.execute(db);
    await sql`insert into prepared_probe (id, a) values (${'x'}, ${'one'})`.execute(db);
    const read = async () => (await sql<Record<string, unknown>>`select * from prepared_probe where id = ${'x'}`.execute(db)).rows[0];
    // Often enough for the server to settle on a cached plan on every pooled connection used.
    for (let i = 0; i < 8; i += 1) expect(await read()).toEqual({ id: 'x', a: 'one' });
    await sql`alter table prepared_probe add column b text default 'two'`.execute(db);
    for (let i = 0; i < 8; i += 1) expect(await read()).toEqual({ id: 'x', a: 'one', b: 'two' });
    await sql`drop table prepared_probe`.execute(db);
  });
});
