import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import type { LocalDate, TimeZone } from '../../src/domain/local-date.js';
import type { TimeOfDay } from '../../src/domain/time-of-day.js';
import { addBoundary, listBoundaries } from '../../src/store/boundaries.js';
import { addCircleEntry, clearCircle, listCircles } from '../../src/store/circles.js';
import { addGoal, listGoals, markGoalDone } from '../../src/store/goals.js';
import { createPerson } from '../../src/store/people.js';
import { createTextSeal } from '../../src/store/sealed-text.js';
import { describeEachDatabase, useDatabase } from '../helpers/databases.js';

const seal = createTextSeal(randomBytes(32));
const at = (day: number) => new Date(Date.UTC(2026, 5, day, 20));

describeEachDatabase('goals, boundaries and circles', (target) => {
  const t = useDatabase(target);
  const person = async () => (await createPerson(t.db, {
    account: 'console:jo', displayName: null, timezone: 'UTC' as TimeZone, promptTime: '20:00' as TimeOfDay,
    joinedOn: '2026-06-01' as LocalDate, now: at(1),
  })).id;

  it('goals come back in the order they were set, and are marked done', async () => {
    const id = await person();
    await addGoal(t.db, seal, id, 'Go to two meetings a week', '2026-07-01' as LocalDate, at(2));
    await addGoal(t.db, seal, id, 'Journal every evening', null, at(3));
    const [first, second] = await listGoals(t.db, seal, id);
    expect(first).toMatchObject({ text: 'Go to two meetings a week', due: '2026-07-01', doneAt: null, createdAt: at(2) });
    expect(second).toMatchObject({ text: 'Journal every evening', due: null, doneAt: null, createdAt: at(3) });
    await markGoalDone(t.db, second!.id, at(9));
    expect((await listGoals(t.db, seal, id)).map((g) => g.doneAt)).toEqual([null, at(9)]);
  });

  it('boundaries are private by default and their text is sealed', async () => {
    const id = await person();
    await addBoundary(t.db, seal, id, 'No phone in the bedroom', at(2));
    expect(await listBoundaries(t.db, seal, id)).toMatchObject([{ text: 'No phone in the bedroom', sharedWith: [] }]);
    const row = await t.db.selectFrom('boundaries').selectAll().executeTakeFirstOrThrow();
    expect(row.text).not.toContain('phone');
    expect(await t.db.selectFrom('boundary_shares').selectAll().execute()).toEqual([]);
  });

  it('circles list in order, and clearing one circle reports how many entries went', async () => {
    const id = await person();
    await addCircleEntry(t.db, seal, id, { circle: 'middle', text: 'Scrolling late at night' }, at(2));
    await addCircleEntry(t.db, seal, id, { circle: 'outer', text: 'Calling my sponsor' }, at(3));
    await addCircleEntry(t.db, seal, id, { circle: 'middle', text: 'Skipping meals' }, at(4));
    expect(await listCircles(t.db, seal, id)).toEqual([
      { circle: 'middle', text: 'Scrolling late at night' },
      { circle: 'outer', text: 'Calling my sponsor' },
      { circle: 'middle', text: 'Skipping meals' },
    ]);
    expect(await clearCircle(t.db, id, 'middle')).toBe(2);
    expect(await clearCircle(t.db, id, 'middle')).toBe(0);
    expect(await listCircles(t.db, seal, id)).toEqual([{ circle: 'outer', text: 'Calling my sponsor' }]);
  });
});
