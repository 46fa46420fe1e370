import { expect, it } from 'vitest';
import type { LocalDate, TimeZone } from '../../src/domain/local-date.js';
import type { TimeOfDay } from '../../src/domain/time-of-day.js';
import { createPerson } from '../../src/store/people.js';
import {
  endCurrentPeriod, listPeriods, setCurrentStart, startPeriod, undoRelapse,
} from '../../src/store/sobriety-periods.js';
import { describeEachDatabase, useDatabase } from '../helpers/databases.js';

const d = (s: string) => s as LocalDate;
const NOW = new Date('2026-05-01T20:00:00.000Z');

describeEachDatabase('sobriety periods', (target) => {
  const t = useDatabase(target);
  const person = async (account = 'console:rae') => (await createPerson(t.db, {
    account, displayName: null, timezone: 'UTC' as TimeZone, promptTime: '20:00' as TimeOfDay,
    joinedOn: d('2026-01-01'), now: NOW,
  })).id;

  it('starts a period, ends it on a relapse and opens the next', async () => {
    const id = await person();
    await startPeriod(t.db, id, d('2026-01-05'), NOW);
    await endCurrentPeriod(t.db, id, d('2026-02-10'));
    await startPeriod(t.db, id, d('2026-02-10'), new Date('2026-05-01T20:00:01.000Z'));
    expect(withoutIds(await listPeriods(t.db, id))).toEqual([
      { start: '2026-01-05', end: '2026-02-10' },
      { start: '2026-02-10', end: null },
    ]);
  });

  it('moves the current start and reports whether there was a current period', async () => {
    const id = await person();
    expect(await setCurrentStart(t.db, id, d('2025-12-01'))).toBe(0);
    await startPeriod(t.db, id, d('2026-01-05'), NOW);
    await endCurrentPeriod(t.db, id, d('2026-02-10'));
    await startPeriod(t.db, id, d('2026-02-10'), NOW);
    expect(await setCurrentStart(t.db, id, d('2026-02-01'))).toBe(1);
    expect(withoutIds(await listPeriods(t.db, id))).toEqual([
      { start: '2026-01-05', end: '2026-02-10' },
      { start: '2026-02-01', end: null },
    ]);
  });

  it('undoes a relapse: the period it opened goes and the one it closed is current again', async () => {
    const id = await person();
    await startPeriod(t.db, id, d('2026-01-05'), NOW);
    await endCurrentPeriod(t.db, id, d('2026-03-03'));
    await startPeriod(t.db, id, d('2026-03-03'), NOW);
    await undoRelapse(t.db, id, d('2026-03-03'));
    expect(withoutIds(await listPeriods(t.db, id))).toEqual([{ start: '2026-01-05', end: null }]);
  });

  it('allows only one open period per person, on every database', async () => {
    const id = await person();
    const other = await person('console:kim');
    await startPeriod(t.db, id, d('2026-01-05'), NOW);
    await expect(startPeriod(t.db, id, d('2026-01-06'), NOW)).rejects.toThrow();
    // Another person's open period and closed periods of the same person are fine.
    await startPeriod(t.db, other, d('2026-01-06'), NOW);
    await endCurrentPeriod(t.db, id, d('2026-02-01'));
    await startPeriod(t.db, id, d('2026-02-01'), NOW);
    await endCurrentPeriod(t.db, id, d('2026-03-01'));
    await startPeriod(t.db, id, d('2026-03-01'), NOW);
    expect(await listPeriods(t.db, id)).toHaveLength(3);
    expect(withoutIds(await listPeriods(t.db, other))).toEqual([{ start: '2026-01-06', end: null }]);
  });

  it('keeps working after a refused insert (no connection left in a failed state)', async () => {
    const id = await person();
    await startPeriod(t.db, id, d('2026-01-05'), NOW);
    for (let i = 0; i < 3; i++) await expect(startPeriod(t.db, id, d('2026-01-06'), NOW)).rejects.toThrow();
    expect(await setCurrentStart(t.db, id, d('2026-01-04'))).toBe(1);
  });
});

function withoutIds(periods: { id: string; start: string; end: string | null }[]) {
  return periods.map(({ start, end }) => ({ start, end }));
}
