// Rows already queued when 0013 lands get their place in line from their topic (and urgency),
// so an SOS waiting at upgrade time still goes before the backlog.
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type MigrationProvider } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';

const provider: MigrationProvider = { getMigrations: async () => migrations };

describe('migration 0013 (delivery priority)', () => {
  it('backfills queued rows from their topic; anything urgent goes with SOS', async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) });
    try {
      const migrator = new Migrator({ db, provider });
      expect((await migrator.migrateTo('0012_boundaries_per_link')).error).toBeUndefined();
      const row = (id: string, topic: string, urgent = 0, status = 'queued') => ({
        id, idem_key: id, kind: 'reply', topic, platform: 'test', chat_id: `test:${id}`, chat_kind: 'dm', recipient_id: null, about_id: null,
        about_date: null, needs_scopes: null, reports_relapse: 0, tells_status: null, link_id: null, replaces_message_id: null, urgent,
        payload: 'x', status, attempts: 0, not_before: '2026-03-10T12:00:00.000Z', claimed_at: null, sent_at: null, last_error: null,
        platform_message_id: null, created_at: '2026-03-10T12:00:00.000Z',
      });
      await db.insertInto('outbox').values([
        row('sos', 'sos'), row('missed', 'missed'), row('escalation', 'escalation'), row('answer', 'answer'),
        row('prompt', 'prompt'), row('reachout', 'link-news', 1), row('group', 'group-notice'),
      ]).execute();
      expect((await migrator.migrateTo('0013_delivery_priority')).error).toBeUndefined();
      const rows = await db.selectFrom('outbox').select(['id', 'priority']).orderBy('priority').orderBy('id').execute();
      expect(Object.fromEntries(rows.map((r) => [r.id, r.priority]))).toEqual({
        reachout: 0, sos: 0, escalation: 1, missed: 1, answer: 2, group: 3, prompt: 3,
      });
    } finally {
      await db.destroy();
    }
  });
});
