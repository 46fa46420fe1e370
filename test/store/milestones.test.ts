import { expect, it } from 'vitest';
import type { LocalDate, TimeZone } from '../../src/domain/local-date.js';
import type { TimeOfDay } from '../../src/domain/time-of-day.js';
import { markedMilestones, markMilestone } from '../../src/store/milestones.js';
import { createPerson } from '../../src/store/people.js';
import { describeEachDatabase, useDatabase } from '../helpers/databases.js';

const NOW = new Date('2026-02-04T20:00:00.000Z');

describeEachDatabase('milestones', (target) => {
  const t = useDatabase(target);
  const person = async () => (await createPerson(t.db, {
    account: 'console:lee', displayName: null, timezone: 'UTC' as TimeZone, promptTime: '20:00' as TimeOfDay,
    joinedOn: '2026-01-01' as LocalDate, now: NOW,
  })).id;

  it('are marked once: a second mark returns false and changes nothing', async () => {
    const id = await person();
    expect(await markMilestone(t.db, id, 'sobriety', '2026-01-05', 30, true, NOW)).toBe(true);
    expect(await markMilestone(t.db, id, 'sobriety', '2026-01-05', 30, false, new Date('2026-02-05T00:00:00.000Z'))).toBe(false);
    const rows = await t.db.selectFrom('milestones').selectAll().execute();
    expect(rows).toEqual([{
      person_id: id, kind: 'sobriety', period_start: '2026-01-05', days: 30, celebrated: 1, reached_at: NOW.toISOString(),
    }]);
  });

  it('count afresh for a new period and separately per kind', async () => {
    const id = await person();
    expect(await markMilestone(t.db, id, 'sobriety', '2026-01-05', 7, true, NOW)).toBe(true);
    expect(await markMilestone(t.db, id, 'sobriety', '2026-01-05', 14, false, NOW)).toBe(true);
    expect(await markMilestone(t.db, id, 'sobriety', '2026-03-01', 7, true, NOW)).toBe(true);
    expect(await markMilestone(t.db, id, 'streak', '2026-01-05', 7, true, NOW)).toBe(true);
    expect(await markedMilestones(t.db, id, 'sobriety', '2026-01-05')).toEqual(new Set([7, 14]));
    expect(await markedMilestones(t.db, id, 'sobriety', '2026-03-01')).toEqual(new Set([7]));
    expect(await markedMilestones(t.db, id, 'streak', '2026-02-01')).toEqual(new Set());
  });
});
