import { expect, it } from 'vitest';
import type { LocalDate, TimeZone } from '../../src/domain/local-date.js';
import type { TimeOfDay } from '../../src/domain/time-of-day.js';
import { accountsOf, createPerson, findPersonByAccount, getPerson, updatePerson } from '../../src/store/people.js';
import { describeEachDatabase, useDatabase } from '../helpers/databases.js';

const JOINED = new Date('2026-03-01T18:30:00.000Z');

describeEachDatabase('people and accounts', (target) => {
  const t = useDatabase(target);
  const create = (account: string, displayName: string | null = null) => createPerson(t.db, {
    account, displayName, timezone: 'Europe/Berlin' as TimeZone, promptTime: '20:00' as TimeOfDay,
    joinedOn: '2026-03-01' as LocalDate, now: JOINED,
  });

  it('creates a person with their first account and finds them by it', async () => {
    const alice = await create('telegram:1001', 'Alice');
    expect(alice).toMatchObject({
      role: null, timezone: 'Europe/Berlin', promptTime: '20:00', promptDays: '1234567', quiet: null,
      pausedUntil: null, awaiting: null, joinedOn: '2026-03-01', createdAt: JOINED,
    });
    expect(await findPersonByAccount(t.db, 'telegram:1001')).toEqual(alice);
    expect(await getPerson(t.db, alice.id)).toEqual(alice);
    expect(await accountsOf(t.db, alice.id)).toMatchObject([
      { id: 'telegram:1001', person_id: alice.id, platform: 'telegram', display_name: 'Alice', created_at: JOINED.toISOString() },
    ]);
  });

  it('finds nobody for an unknown account or id', async () => {
    await create('telegram:1001');
    expect(await findPersonByAccount(t.db, 'discord:1001')).toBeNull();
    expect(await getPerson(t.db, 'no-such-id')).toBeNull();
  });

  it('refuses a second person for an account already taken', async () => {
    await create('discord:42');
    await expect(create('discord:42')).rejects.toThrow();
  });

  it('updates only the settings given, and clears them with null', async () => {
    const bob = await create('console:bob');
    const paused = new Date('2026-04-01T00:00:00.000Z');
    await updatePerson(t.db, bob.id, {
      role: 'recovery', quiet: { start: '22:00' as TimeOfDay, end: '07:00' as TimeOfDay }, pausedUntil: paused,
      awaiting: { kind: 'note', date: '2026-03-02' as LocalDate },
    });
    expect(await getPerson(t.db, bob.id)).toMatchObject({
      role: 'recovery', timezone: 'Europe/Berlin', quiet: { start: '22:00', end: '07:00' }, pausedUntil: paused,
      awaiting: { kind: 'note', date: '2026-03-02' },
    });
    await updatePerson(t.db, bob.id, { quiet: null, pausedUntil: null, awaiting: null, promptTime: null });
    expect(await getPerson(t.db, bob.id)).toMatchObject({ role: 'recovery', quiet: null, pausedUntil: null, awaiting: null, promptTime: null });
  });
});
