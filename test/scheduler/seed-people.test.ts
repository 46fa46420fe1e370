// The seeder that tests and the bench fill the tables with books each person's next prompt
// and weekly summary exactly as the real reschedule() would: rescheduling a seeded person,
// new or in a steady state, changes nothing.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reschedule } from '../../src/services/schedule.js';
import { createTestCore, type TestCore } from '../helpers/core-harness.js';
import { seedPeople, type SeedPerson } from '../helpers/seed-people.js';

const ZONES = ['UTC', 'Europe/Berlin', 'America/St_Johns', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/Los_Angeles'];
const ROLES = ['recovery', 'partner', 'supporter'] as const;

const person = fc.record({
  zone: fc.constantFrom(...ZONES),
  minute: fc.integer({ min: 0, max: 287 }).map((i) => i * 5),
  role: fc.constantFrom(...ROLES),
  joinedDaysAgo: fc.integer({ min: 0, max: 800 }),
});

describe('seedPeople', () => {
  let t: TestCore;
  let run = 0;
  beforeAll(async () => { t = await createTestCore({ storage: 'sqlite-memory' }); });
  afterAll(async () => { await t.close(); });

  it('books prompts and summaries as reschedule() does, for people new and in a steady state', async () => {
    await fc.assert(fc.asyncProperty(
      fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true }),
      fc.constantFrom('new' as const, 'steady' as const),
      fc.array(person, { minLength: 1, maxLength: 8 }),
      async (at, history, specs) => {
        run += 1;
        const people = specs.map((p, i): SeedPerson => ({
          id: `r${run}p${i}`, role: p.role, timezone: p.zone, joinedDaysAgo: p.joinedDaysAgo,
          promptTime: `${String(Math.floor(p.minute / 60)).padStart(2, '0')}:${String(p.minute % 60).padStart(2, '0')}`,
        }));
        await seedPeople(t.db, t.config, people, at, { history });
        const columns = () => t.db.selectFrom('people').select(['id', 'next_prompt_at', 'pending_prompt_date', 'next_summary_at'])
          .where('id', 'in', people.map((p) => p.id)).orderBy('id').execute();
        const seeded = await columns();
        for (const p of people) await reschedule(t, p.id, at);
        expect(await columns()).toEqual(seeded);
        expect(seeded.every((r) => r.next_prompt_at !== null && r.next_prompt_at > at.toISOString())).toBe(true);
      },
    ), { numRuns: 40 });
  });
});
