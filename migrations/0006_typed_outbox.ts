import type { Kysely } from 'kysely';

/*
 * Typed outbox rows: what a message is about gets columns of its own (its topic, the local
 * date it is about, the scopes it needs, whether it reports a relapse, the link it goes
 * through), replacing the one `scope` column that held three formats. A key stays an identity.
 * And a reply may replace the message whose button was pressed, where the platform can edit.
 */
const KIND_TOPIC: Record<string, string> = {
  reply: 'answer', prompt: 'prompt', reminder: 'reminder', alert: 'missed', celebration: 'celebration',
  summary: 'summary', sos: 'sos', link: 'link-news', group: 'group-notice',
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('topic', 'text', (c) => c.notNull().defaultTo('answer')).execute();
  await db.schema.alterTable('outbox').addColumn('about_date', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('needs_scopes', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('reports_relapse', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('outbox').addColumn('link_id', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('replaces_message_id', 'text').execute();

  // Rows written before this migration: the topic follows their kind, and the old `scope`
  // text (`status+mood|relapse`, `fanos:<link>`, `group-celebrate`) becomes the new columns.
  for (const [kind, topic] of Object.entries(KIND_TOPIC)) {
    await db.updateTable('outbox').set({ topic }).where('kind', '=', kind).execute();
  }
  const scoped = await db.selectFrom('outbox').select(['id', 'scope']).where('scope', 'is not', null).execute() as { id: string; scope: string }[];
  for (const row of scoped) {
    if (row.scope === 'group-celebrate') {
      await db.updateTable('outbox').set({ topic: 'group-milestone' }).where('id', '=', row.id).execute();
    } else if (row.scope.startsWith('fanos:')) {
      await db.updateTable('outbox').set({ topic: 'fanos', link_id: row.scope.slice('fanos:'.length) }).where('id', '=', row.id).execute();
    } else {
      const [list, flag] = row.scope.split('|');
      const needs = (list ?? '').split('+').filter(Boolean);
      await db.updateTable('outbox').set({
        needs_scopes: needs.join(','), reports_relapse: flag === 'relapse' ? 1 : 0,
        ...(needs.includes('status') ? { topic: 'status' } : {}),
      }).where('id', '=', row.id).execute();
    }
  }
  await db.schema.alterTable('outbox').dropColumn('scope').execute();
  // Withdrawing or releasing one person's queued news is a lookup, not a scan.
  await db.schema.createIndex('outbox_about_topic').on('outbox').columns(['about_id', 'topic', 'status']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_about_topic').execute();
  await db.schema.alterTable('outbox').addColumn('scope', 'text').execute();
  for (const c of ['replaces_message_id', 'link_id', 'reports_relapse', 'needs_scopes', 'about_date', 'topic']) {
    await db.schema.alterTable('outbox').dropColumn(c).execute();
  }
}
