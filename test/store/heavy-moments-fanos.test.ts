// The two stores this round added, on SQLite and PostgreSQL alike: the memory of heavy moments
// (once a day per kind, a week at most) and a FANOS entry's review (ready, held, shared once).
import { expect, it } from 'vitest';
import type { LocalDate, TimeZone } from '../../src/domain/local-date.js';
import type { TimeOfDay } from '../../src/domain/time-of-day.js';
import { fanosEntryOf, fanosRound, latestSharedRound, markFanosShared, reviewFanosEntry, saveFanosAnswers } from '../../src/store/fanos.js';
import { rememberedMoment, rememberMoment } from '../../src/store/heavy-moments.js';
import { createLink } from '../../src/store/links.js';
import { createPerson } from '../../src/store/people.js';
import { createTextSeal } from '../../src/store/sealed-text.js';
import { describeEachDatabase, useDatabase } from '../helpers/databases.js';

const at = (s: string) => new Date(`2026-04-${s}Z`);
const day = (s: string) => `2026-04-${s}` as LocalDate;
const seal = createTextSeal(null);

describeEachDatabase('heavy moments and FANOS reviews', (target) => {
  const t = useDatabase(target);
  const person = async (account: string) => (await createPerson(t.db, {
    account, displayName: null, timezone: 'UTC' as TimeZone, promptTime: '20:00' as TimeOfDay,
    joinedOn: '2026-01-01' as LocalDate, now: at('01T00:00:00.000'),
  })).id;

  it('remembers a moment per person, day and kind, counts repeats, and forgets after a week', async () => {
    const ana = await person('console:ana');
    const ben = await person('console:ben');
    expect(await rememberedMoment(t.db, seal, ana, day('02'), 'self-harm')).toEqual({ today: false, lastVariant: null });
    await rememberMoment(t.db, seal, ana, day('02'), 'self-harm', 0, at('02T10:00:00.000'));
    await rememberMoment(t.db, seal, ana, day('02'), 'self-harm', 1, at('02T11:00:00.000'));
    expect(await rememberedMoment(t.db, seal, ana, day('02'), 'self-harm')).toEqual({ today: true, lastVariant: 1 });
    expect(await rememberedMoment(t.db, seal, ana, day('02'), 'urge')).toEqual({ today: false, lastVariant: null });
    expect(await rememberedMoment(t.db, seal, ben, day('02'), 'self-harm')).toEqual({ today: false, lastVariant: null });
    expect(await rememberedMoment(t.db, seal, ana, day('03'), 'self-harm')).toEqual({ today: false, lastVariant: 1 });
    const rows = await t.db.selectFrom('heavy_moments').selectAll().execute();
    expect(rows).toMatchObject([{ person_id: ana, local_date: '2026-04-02', kind: 'self-harm', variant: 1, times: 2 }]);
    await rememberMoment(t.db, seal, ana, day('12'), 'self-harm', 2, at('12T10:00:00.000'));
    expect((await t.db.selectFrom('heavy_moments').select('local_date').execute()).map((r) => r.local_date)).toEqual(['2026-04-12']);
  });

  it('a FANOS entry is shared only once, and a changed answer goes back to its writer for review', async () => {
    const ana = await person('console:ana');
    const pat = await person('console:pat');
    const link = await createLink(t.db, { personId: ana, supporterId: pat, relation: 'partner', scopes: [] }, at('01T00:00:00.000'));
    const key = { linkId: link.id, personId: ana, round: '2026-W14' };
    await saveFanosAnswers(t.db, seal, { ...key, answers: { feelings: 'tired' } }, at('02T10:00:00.000'));
    await reviewFanosEntry(t.db, key, { held: at('02T11:00:00.000'), reason: 'planned' });
    expect(await fanosEntryOf(t.db, seal, link.id, ana, '2026-W14')).toMatchObject({ heldAt: at('02T11:00:00.000'), holdReason: 'planned', readyAt: null });
    await reviewFanosEntry(t.db, key, { ready: at('02T12:00:00.000') });
    expect(await fanosEntryOf(t.db, seal, link.id, ana, '2026-W14')).toMatchObject({ heldAt: null, holdReason: null, readyAt: at('02T12:00:00.000') });
    await saveFanosAnswers(t.db, seal, { ...key, answers: { feelings: 'hopeful' } }, at('02T13:00:00.000'));
    expect(await fanosEntryOf(t.db, seal, link.id, ana, '2026-W14')).toMatchObject({ answers: { feelings: 'hopeful' }, readyAt: null });
    expect(await latestSharedRound(t.db, seal, link.id)).toEqual([]);
    expect(await markFanosShared(t.db, link.id, '2026-W14', at('03T00:00:00.000'))).toBe(true);
    expect(await markFanosShared(t.db, link.id, '2026-W14', at('03T00:00:01.000'))).toBe(false);
    expect((await latestSharedRound(t.db, seal, link.id)).map((e) => e.round)).toEqual(['2026-W14']);
    // Once shared, a review changes nothing.
    await reviewFanosEntry(t.db, key, { held: at('04T00:00:00.000'), reason: null });
    expect((await fanosRound(t.db, seal, link.id, '2026-W14'))[0]).toMatchObject({ heldAt: null });
  });
});
