import { expect, it } from 'vitest';
import { readClockAhead, saveClockAhead } from '../../src/store/simulated-clock.js';
import { describeEachDatabase, useDatabase } from '../helpers/databases.js';

describeEachDatabase('the simulated clock', (target) => {
  const t = useDatabase(target);

  it('is not there until moved, then comes back as saved, a year ahead or back at real time', async () => {
    const now = new Date('2026-03-10T12:00:00.000Z');
    expect(await readClockAhead(t.db)).toBeNull();
    const year = 366 * 86_400_000; // more than a 32-bit integer holds
    await saveClockAhead(t.db, year, now);
    expect(await readClockAhead(t.db)).toBe(year);
    await saveClockAhead(t.db, 0, now);
    expect(await readClockAhead(t.db)).toBe(0);
  });
});
