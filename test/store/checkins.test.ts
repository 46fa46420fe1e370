import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import type { CheckIn } from '../../src/domain/checkin.js';
import type { LocalDate, TimeZone } from '../../src/domain/local-date.js';
import type { TimeOfDay } from '../../src/domain/time-of-day.js';
import { getCheckin, listCheckinDates, listCheckinDays, listCheckins, moveCheckinDate, recentCheckinDates, saveCheckin } from '../../src/store/checkins.js';
import { createPerson } from '../../src/store/people.js';
import { createTextSeal } from '../../src/store/sealed-text.js';
import { describeEachDatabase, useDatabase } from '../helpers/databases.js';

const plain = createTextSeal(null);
const sealed = createTextSeal(randomBytes(32));
const zone = 'America/New_York' as TimeZone;

function checkin(localDate: string, at: string, over: Partial<CheckIn> = {}): CheckIn {
  return {
    localDate: localDate as LocalDate, zone, status: 'sober', mood: 4, feeling: 'hopeful',
    healingWork: ['meeting', 'journaling'], safe: null, note: 'Called my sponsor after work.', at: new Date(at), ...over,
  };
}

describeEachDatabase('check-ins', (target) => {
  const t = useDatabase(target);
  const person = async () => (await createPerson(t.db, {
    account: 'console:sam', displayName: null, timezone: zone, promptTime: '20:00' as TimeOfDay,
    joinedOn: '2026-03-01' as LocalDate, now: new Date('2026-03-01T12:00:00.000Z'),
  })).id;
  const rawRows = (personId: string) => t.db.selectFrom('checkins').selectAll().where('person_id', '=', personId).execute();

  it('saves a check-in and reads it back as it was', async () => {
    const id = await person();
    const c = checkin('2026-03-02', '2026-03-03T01:00:00.000Z');
    await saveCheckin(t.db, plain, id, c);
    expect(await getCheckin(t.db, plain, id, '2026-03-02' as LocalDate)).toEqual(c);
    expect(await getCheckin(t.db, plain, id, '2026-03-03' as LocalDate)).toBeNull();
  });

  it('keeps one record per local date: a second check-in that day updates the first', async () => {
    const id = await person();
    await saveCheckin(t.db, plain, id, checkin('2026-03-02', '2026-03-02T14:00:00.000Z'));
    const second = checkin('2026-03-02', '2026-03-03T02:00:00.000Z', {
      status: 'middle', mood: 2, feeling: null, healingWork: [], note: null,
    });
    await saveCheckin(t.db, plain, id, second);
    expect(await listCheckins(t.db, plain, id)).toEqual([second]);
    const rows = await rawRows(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ created_at: '2026-03-02T14:00:00.000Z', updated_at: '2026-03-03T02:00:00.000Z', healing_work: '' });
  });

  it('lists check-ins by local date, optionally from a date; the dates alone, and the day facts opened', async () => {
    const id = await person();
    await saveCheckin(t.db, plain, id, checkin('2026-03-10', '2026-03-11T01:00:00.000Z', { healingWork: ['therapy'] }));
    await saveCheckin(t.db, plain, id, checkin('2026-02-28', '2026-03-01T01:00:00.000Z', { status: 'relapse', mood: 1 }));
    await saveCheckin(t.db, plain, id, checkin('2026-03-09', '2026-03-10T01:00:00.000Z', { status: null, mood: null, healingWork: [] }));
    expect((await listCheckins(t.db, plain, id)).map((c) => c.localDate)).toEqual(['2026-02-28', '2026-03-09', '2026-03-10']);
    expect((await listCheckins(t.db, plain, id, '2026-03-09' as LocalDate)).map((c) => c.localDate)).toEqual(['2026-03-09', '2026-03-10']);
    expect(await listCheckinDates(t.db, id)).toEqual(['2026-02-28', '2026-03-09', '2026-03-10']);
    expect(await listCheckinDays(t.db, plain, id)).toEqual([
      { localDate: '2026-02-28', status: 'relapse', mood: 1, actions: 2 },
      { localDate: '2026-03-09', status: null, mood: null, actions: 0 },
      { localDate: '2026-03-10', status: 'sober', mood: 4, actions: 1 },
    ]);
    expect(await listCheckinDays(t.db, plain, id, '2026-03-01' as LocalDate)).toHaveLength(2);
    // What the counters read on every check-in: recent dates, and only the latest one before them.
    expect(await recentCheckinDates(t.db, id, '2026-03-10' as LocalDate)).toEqual({ dates: ['2026-03-10'], earlier: '2026-03-09' });
    expect(await recentCheckinDates(t.db, id, '2026-03-01' as LocalDate)).toEqual({ dates: ['2026-03-09', '2026-03-10'], earlier: '2026-02-28' });
    expect(await recentCheckinDates(t.db, id, '2026-02-01' as LocalDate)).toEqual({ dates: ['2026-02-28', '2026-03-09', '2026-03-10'], earlier: null });
    expect(await recentCheckinDates(t.db, id, '2026-04-01' as LocalDate)).toEqual({ dates: [], earlier: '2026-03-10' });
  });

  it('seals the answers and the note with a data key, so the stored row reveals only its date', async () => {
    const id = await person();
    const c = checkin('2026-03-02', '2026-03-03T01:00:00.000Z', { status: 'relapse', safe: false });
    await saveCheckin(t.db, sealed, id, c);
    const [row] = await rawRows(id);
    expect(row?.note).toMatch(/^gcm2:/);
    expect(row?.answers).toMatch(/^gcm2:/);
    expect(row).toMatchObject({ status: null, mood: null, feeling: null, safe: null, healing_work: '' });
    expect(JSON.stringify(row)).not.toMatch(/sponsor|relapse|hopeful|meeting/);
    expect(await getCheckin(t.db, sealed, id, c.localDate)).toEqual(c);
  });

  it('stores the note as written without a data key, and refuses it once a key is set', async () => {
    const id = await person();
    const c = checkin('2026-03-02', '2026-03-03T01:00:00.000Z', { note: 'Ünïcode, quotes \' " and a\nnew line' });
    await saveCheckin(t.db, plain, id, c);
    const [row] = await rawRows(id);
    expect(row?.note).toBe(c.note);
    expect(await getCheckin(t.db, plain, id, c.localDate)).toEqual(c);
    // Unsealed text is not taken for what it claims once there is a key: npm run rekey seals it.
    await expect(getCheckin(t.db, sealed, id, c.localDate)).rejects.toThrow(/not encrypted/);
  });

  it('a check-in moved to another day opens there, bound to its new date', async () => {
    const id = await person();
    await saveCheckin(t.db, sealed, id, checkin('2026-03-02', '2026-03-03T01:00:00.000Z'));
    await moveCheckinDate(t.db, sealed, id, '2026-03-02' as LocalDate, '2026-03-01' as LocalDate);
    expect(await getCheckin(t.db, sealed, id, '2026-03-01' as LocalDate)).toMatchObject({ localDate: '2026-03-01', note: 'Called my sponsor after work.' });
    expect(await getCheckin(t.db, sealed, id, '2026-03-02' as LocalDate)).toBeNull();
  });
});
