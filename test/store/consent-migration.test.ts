// Migration 0010 keeps what both sides of every existing link truly chose: a sponsor or coach
// keeps receiving all that is shared with them; a partner keeps their level and the person
// keeps their scopes, but no partner is on call (none ever agreed to be), so alerts and SOS
// stop reaching partners. Supporters who never checked in lose the prompt they never chose.
import { Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { mayReceive } from '../../src/domain/consent.js';
import { getLink } from '../../src/store/links.js';
import { describeEachDatabase, useDatabase } from '../helpers/databases.js';

const provider = { getMigrations: async () => migrations };
const AT = '2026-01-01T00:00:00.000Z';

/** The migration just before this one: the schema the old links lived in. */
const BEFORE = Object.keys(migrations)[Object.keys(migrations).indexOf('0010_consent_halves') - 1]!;

describeEachDatabase('migration 0010 (both halves of a link)', (target) => {
  const t = useDatabase(target);

  it('keeps every choice made, and takes partners off call', async () => {
    const migrator = new Migrator({ db: t.db, provider });
    expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined();
    const person = (id: string, role: string) => sql`insert into people (id, role, timezone, prompt_time, prompt_days, joined_on, created_at, next_prompt_at, pending_prompt_date)
      values (${id}, ${role}, 'UTC', '20:00', '1234567', '2026-01-01', ${AT}, '2026-01-01T20:00:00.000Z', '2026-01-01')`.execute(t.db);
    for (const [id, role] of [['ann', 'recovery'], ['sam', 'supporter'], ['pat', 'partner'], ['sue', 'supporter']] as const) await person(id, role);
    await sql`insert into checkins (person_id, local_date, zone, status, mood, feeling, healing_work, note, created_at, updated_at)
      values ('sue', '2026-01-01', 'UTC', null, 3, null, '', null, ${AT}, ${AT})`.execute(t.db);
    const link = (id: string, supporter: string, relation: string, scopes: string, level: string | null) => sql`insert into links
      (id, person_id, supporter_id, relation, scopes, created_at, partner_level, receiving_paused, ready)
      values (${id}, 'ann', ${supporter}, ${relation}, ${scopes}, ${AT}, ${level}, 0, 0)`.execute(t.db);
    await link('l-sam', 'sam', 'sponsor', 'alerts,sos,milestones,status', null);
    await link('l-pat', 'pat', 'partner', 'alerts,sos,milestones,status', 'full');
    expect((await migrator.migrateToLatest()).error).toBeUndefined();

    const sponsor = (await getLink(t.db, 'l-sam'))!;
    expect(sponsor.scopes).toEqual(['alerts', 'sos', 'milestones', 'status']);
    for (const scope of sponsor.scopes) expect(mayReceive(sponsor, { scope })).toBe(true);
    const partner = (await getLink(t.db, 'l-pat'))!;
    expect(partner).toMatchObject({ partnerLevel: 'full', onCall: false, scopes: ['alerts', 'sos', 'milestones', 'status'] });
    expect(mayReceive(partner, { scope: 'status' })).toBe(true);
    expect(mayReceive(partner, { scope: 'milestones' })).toBe(true);
    expect(mayReceive(partner, { scope: 'alerts' })).toBe(false);
    expect(mayReceive(partner, { scope: 'sos' })).toBe(false);

    const prompts = await t.db.selectFrom('people').select(['id', 'prompt_time', 'next_prompt_at', 'unanswered_prompts']).orderBy('id').execute();
    expect(prompts).toEqual([
      { id: 'ann', prompt_time: '20:00', next_prompt_at: '2026-01-01T20:00:00.000Z', unanswered_prompts: 0 },
      { id: 'pat', prompt_time: '20:00', next_prompt_at: '2026-01-01T20:00:00.000Z', unanswered_prompts: 0 },
      // Sam never checked in: his prompt stops. Sue did: hers stays.
      { id: 'sam', prompt_time: null, next_prompt_at: null, unanswered_prompts: 0 },
      { id: 'sue', prompt_time: '20:00', next_prompt_at: '2026-01-01T20:00:00.000Z', unanswered_prompts: 0 },
    ]);
  });
});

describe('migration 0010', () => {
  it('is registered after the typed outbox', () => {
    const names = Object.keys(migrations);
    expect(names.indexOf('0010_consent_halves')).toBeGreaterThan(names.indexOf('0006_typed_outbox'));
  });
});
