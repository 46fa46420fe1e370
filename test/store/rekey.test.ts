import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import type { LocalDate, TimeZone } from '../../src/domain/local-date.js';
import type { TimeOfDay } from '../../src/domain/time-of-day.js';
import { getCheckin, saveCheckin } from '../../src/store/checkins.js';
import { addGoal, listGoals } from '../../src/store/goals.js';
import { createPerson } from '../../src/store/people.js';
import { rekeyAll } from '../../src/store/rekey.js';
import { createTextSeal } from '../../src/store/sealed-text.js';
import { describeEachDatabase, useDatabase } from '../helpers/databases.js';

const NOW = new Date('2026-03-02T20:00:00.000Z');

describeEachDatabase('rotating the data key', (target) => {
  const t = useDatabase(target);

  it('re-encrypts every text under the new key, so the old key can be dropped', async () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const before = createTextSeal(oldKey);
    const { id } = await createPerson(t.db, { account: 'console:ana', displayName: 'ana', timezone: 'UTC' as TimeZone, promptTime: '20:00' as TimeOfDay, joinedOn: '2026-03-01' as LocalDate, now: NOW });
    await saveCheckin(t.db, before, id, { localDate: '2026-03-02' as LocalDate, zone: 'UTC' as TimeZone, status: 'sober', mood: 3, feeling: 'calm', healingWork: [], safe: null, note: 'a private note', at: NOW });
    await addGoal(t.db, before, id, 'call my sponsor', null, NOW);

    // With only the new key, old text cannot be read: the rotation needs the old key for a while.
    await expect(getCheckin(t.db, createTextSeal(newKey), id, '2026-03-02' as LocalDate)).rejects.toThrow(/key/);

    const changed = await rekeyAll(t.db, createTextSeal(newKey, [oldKey]));
    expect(changed).toBeGreaterThanOrEqual(2);
    const after = createTextSeal(newKey);
    expect((await getCheckin(t.db, after, id, '2026-03-02' as LocalDate))?.note).toBe('a private note');
    expect((await listGoals(t.db, after, id))[0]?.text).toBe('call my sponsor');
  });
});
