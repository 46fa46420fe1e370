// `npm run rekey` and the first start with a key: every sealed value of the registry sealed
// again under the current key, bound to its place; what cannot be read is named and skipped.
import { createCipheriv, randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import type { LocalDate, TimeZone } from '../../src/domain/local-date.js';
import type { TimeOfDay } from '../../src/domain/time-of-day.js';
import { reply } from '../../src/ports/reply.js';
import { addBoundary, listBoundaries } from '../../src/store/boundaries.js';
import { getCheckin, saveCheckin } from '../../src/store/checkins.js';
import { checkDataKey, DataKeyMismatch } from '../../src/store/data-key-check.js';
import { addGoal, listGoals } from '../../src/store/goals.js';
import { enqueueMessage, toOutboxMessage } from '../../src/store/outbox.js';
import { createPerson } from '../../src/store/people.js';
import { rekeyAll } from '../../src/store/rekey.js';
import { createTextSeal } from '../../src/store/sealed-text.js';
import { describeEachDatabase, useDatabase } from '../helpers/databases.js';

const NOW = new Date('2026-03-02T20:00:00.000Z');
const DAY = '2026-03-02' as LocalDate;

/** Text as the version before places were bound sealed it (no associated data). */
function legacySeal(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return `gcm1:${Buffer.concat([iv, c.getAuthTag(), body]).toString('base64')}`;
}

describeEachDatabase('rotating the data key', (target) => {
  const t = useDatabase(target);
  const person = async (name: string) => (await createPerson(t.db, {
    account: `console:${name}`, displayName: name, timezone: 'UTC' as TimeZone, promptTime: '20:00' as TimeOfDay, joinedOn: '2026-03-01' as LocalDate, now: NOW,
  })).id;
  const checkin = { localDate: DAY, zone: 'UTC' as TimeZone, status: 'sober' as const, mood: 3 as const, feeling: 'calm', healingWork: [], safe: null, note: 'a private note', at: NOW };

  it('re-encrypts every text under the new key, so the old key can be dropped', async () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const before = createTextSeal(oldKey);
    const id = await person('ana');
    await saveCheckin(t.db, before, id, checkin);
    await addGoal(t.db, before, id, 'call my sponsor', null, NOW);
    await enqueueMessage(t.db, before, { key: 'k1', topic: 'answer', to: { chatId: 'console:ana', kind: 'dm' }, recipientId: id, reply: reply('waiting'), notBefore: NOW }, NOW);

    // With only the new key, old text cannot be read: the rotation needs the old key for a while.
    await expect(getCheckin(t.db, createTextSeal(newKey), id, DAY)).rejects.toThrow(/key/);

    const report = await rekeyAll(t.db, createTextSeal(newKey, [oldKey]));
    expect(report).toEqual({ rows: 3, unreadable: [] });
    const after = createTextSeal(newKey);
    expect((await getCheckin(t.db, after, id, DAY))?.note).toBe('a private note');
    expect((await listGoals(t.db, after, id))[0]?.text).toBe('call my sponsor');
    const row = await t.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
    expect(toOutboxMessage(row, after).reply.text).toBe('waiting');
  });

  it('finishes past a value it cannot read, and names it (never its content)', async () => {
    const key = randomBytes(32);
    const seal = createTextSeal(key);
    const ana = await person('ana');
    const bo = await person('bo');
    await addGoal(t.db, seal, ana, 'first goal', null, NOW);
    await addGoal(t.db, seal, bo, 'sealed under a key nobody has', null, NOW);
    await addGoal(t.db, seal, ana, 'third goal', null, new Date(NOW.getTime() + 1000));
    const lost = (await listGoals(t.db, seal, bo))[0]!.id;
    await t.db.updateTable('goals').set({ text: createTextSeal(randomBytes(32)).seal('x', { table: 'goals', column: 'text', row: lost, owner: bo }) })
      .where('id', '=', lost).execute();
    // Text from an older version, and text a person typed that looks sealed, before any key existed.
    await t.db.updateTable('goals').set({ text: legacySeal(key, 'an old goal') }).where('id', '=', (await listGoals(t.db, seal, ana))[0]!.id).execute();
    await addBoundary(t.db, createTextSeal(null), ana, 'gcm2:not really sealed', NOW);

    const report = await rekeyAll(t.db, seal);
    expect(report.unreadable).toEqual([{ table: 'goals', column: 'text', row: { id: lost } }]);
    expect(JSON.stringify(report)).not.toContain('sealed under');
    expect(report.rows).toBe(3); // two goals of ana's and her boundary; bo's goal is left as it was
    expect((await listGoals(t.db, seal, ana)).map((g) => g.text).sort()).toEqual(['an old goal', 'third goal']);
    expect((await listBoundaries(t.db, seal, ana)).map((b) => b.text)).toEqual(['gcm2:not really sealed']);
    await expect(listGoals(t.db, seal, bo)).rejects.toThrow(/does not open/);
  });

  it('folds check-in answers an older version kept in clear into one sealed value', async () => {
    const seal = createTextSeal(randomBytes(32));
    const id = await person('ana');
    await t.db.insertInto('checkins').values({
      person_id: id, local_date: DAY, zone: 'UTC', status: 'relapse', mood: 2, feeling: null, healing_work: 'meeting,therapy', safe: 0,
      note: 'from before', answers: null, created_at: NOW.toISOString(), updated_at: NOW.toISOString(),
    }).execute();
    await expect(getCheckin(t.db, seal, id, DAY)).rejects.toThrow(/not encrypted/);
    await rekeyAll(t.db, seal);
    const row = await t.db.selectFrom('checkins').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: null, mood: null, safe: null, healing_work: '', feeling: null });
    expect(JSON.stringify(row)).not.toMatch(/relapse|meeting|before/);
    expect(await getCheckin(t.db, seal, id, DAY)).toMatchObject({ status: 'relapse', mood: 2, safe: false, healingWork: ['meeting', 'therapy'], note: 'from before' });
  });

  it('at the first start with a key, seals what was stored before; a later start with another key is refused', async () => {
    const id = await person('ana');
    await saveCheckin(t.db, createTextSeal(null), id, checkin);
    const key = createTextSeal(randomBytes(32));
    const first = await checkDataKey(t.db, key, NOW);
    expect(first.sealedNow?.rows).toBe(1);
    expect((await getCheckin(t.db, key, id, DAY))?.note).toBe('a private note');
    expect(await checkDataKey(t.db, key, NOW)).toEqual({ sealedNow: null });
    await expect(checkDataKey(t.db, createTextSeal(randomBytes(32)), NOW)).rejects.toBeInstanceOf(DataKeyMismatch);
  });
});
