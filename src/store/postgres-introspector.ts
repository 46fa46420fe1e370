import {
  PostgresDialect, sql, type DatabaseIntrospector, type DatabaseMetadata, type Kysely, type SchemaMetadata, type TableMetadata,
} from 'kysely';

/**
 * Looks only at the tables of the connection's own schema. Kysely's PostgreSQL introspector
 * reads every schema in the database, calling a function on each column that fails when another
 * schema is migrated or dropped at that moment ("column … of relation … does not exist"); the
 * migrator asks it at every start, so a start could fail because of someone else's schema.
 */
class CurrentSchemaIntrospector implements DatabaseIntrospector {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- introspection reads any database
  constructor(private readonly db: Kysely<any>) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    const rows = await sql<{ name: string }>`select nspname as name from pg_catalog.pg_namespace`.execute(this.db);
    return rows.rows;
  }

  async getTables(): Promise<TableMetadata[]> {
    const rows = await sql<{ schema: string; name: string; type: string; column: string | null; data_type: string | null; nullable: string | null; has_default: boolean | null }>`
      select t.table_schema as schema, t.table_name as name, t.table_type as type, c.column_name as column,
        c.data_type, c.is_nullable as nullable, c.column_default is not null as has_default
      from information_schema.tables t
      left join information_schema.columns c on c.table_schema = t.table_schema and c.table_name = t.table_name
      where t.table_schema = current_schema()
      order by t.table_name, c.ordinal_position`.execute(this.db);
    const tables = new Map<string, TableMetadata>();
    for (const r of rows.rows) {
      let t = tables.get(r.name);
      if (!t) {
        t = { name: r.name, schema: r.schema, isView: r.type === 'VIEW', columns: [] };
        tables.set(r.name, t);
      }
      if (r.column !== null) {
        (t.columns as unknown[]).push({
          name: r.column, dataType: r.data_type ?? '', isNullable: r.nullable === 'YES', hasDefaultValue: r.has_default === true,
          isAutoIncrementing: false,
        });
      }
    }
    return [...tables.values()];
  }

  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() };
  }
}

/** PostgreSQL through `pg`, with introspection kept to the connection's own schema. */
export class OwnSchemaPostgresDialect extends PostgresDialect {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- introspection reads any database
  override createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new CurrentSchemaIntrospector(db);
  }
}
