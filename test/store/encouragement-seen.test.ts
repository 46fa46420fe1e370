import { expect, it } from 'vitest';
import type { LocalDate, TimeZone } from '../../src/domain/local-date.js';
import type { TimeOfDay } from '../../src/domain/time-of-day.js';
import { markSeen, recentlySeen } from '../../src/store/encouragement-seen.js';
import { createPerson } from '../../src/store/people.js';
import { describeEachDatabase, useDatabase } from '../helpers/databases.js';

const at = (s: string) => new Date(`2026-04-${s}Z`);

describeEachDatabase('encouragement seen', (target) => {
  const t = useDatabase(target);
  const person = async (account: string) => (await createPerson(t.db, {
    account, displayName: null, timezone: 'UTC' as TimeZone, promptTime: '20:00' as TimeOfDay,
    joinedOn: '2026-01-01' as LocalDate, now: at('01T00:00:00.000'),
  })).id;

  it('lists the messages a person saw, most recent first', async () => {
    const id = await person('console:ana');
    await markSeen(t.db, id, 'good-day-3', at('02T20:00:00.000'));
    await markSeen(t.db, id, 'good-day-1', at('10T20:00:00.000'));
    await markSeen(t.db, id, 'hard-day-2', at('09T23:59:59.999'));
    expect(await recentlySeen(t.db, id)).toEqual(['good-day-1', 'hard-day-2', 'good-day-3']);
    expect(await recentlySeen(t.db, id, 2)).toEqual(['good-day-1', 'hard-day-2']);
  });

  it('seeing a message again moves it to the front instead of adding a row', async () => {
    const id = await person('console:ana');
    await markSeen(t.db, id, 'a', at('01T20:00:00.000'));
    await markSeen(t.db, id, 'b', at('02T20:00:00.000'));
    await markSeen(t.db, id, 'a', at('03T20:00:00.000'));
    expect(await recentlySeen(t.db, id)).toEqual(['a', 'b']);
    expect(await t.db.selectFrom('encouragement_seen').selectAll().execute()).toHaveLength(2);
  });

  it('keeps each person to their own history', async () => {
    const ana = await person('console:ana');
    const ben = await person('console:ben');
    await markSeen(t.db, ana, 'a', at('01T20:00:00.000'));
    await markSeen(t.db, ben, 'b', at('01T20:00:00.000'));
    expect(await recentlySeen(t.db, ana)).toEqual(['a']);
    expect(await recentlySeen(t.db, ben)).toEqual(['b']);
  });
});
