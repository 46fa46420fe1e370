import { expect, it } from 'vitest';
import { claimEvent } from '../../src/store/processed-events.js';
import { describeEachDatabase, useDatabase } from '../helpers/databases.js';

describeEachDatabase('processed events', (target) => {
  const t = useDatabase(target);

  it('are claimed once: a redelivered update is refused', async () => {
    const now = new Date('2026-01-01T00:00:00.000Z');
    expect(await claimEvent(t.db, 'telegram:update:1', now)).toBe(true);
    expect(await claimEvent(t.db, 'telegram:update:1', now)).toBe(false);
    expect(await claimEvent(t.db, 'telegram:update:2', now)).toBe(true);
  });

  it('let only one of several concurrent claims of the same update win', async () => {
    const now = new Date('2026-01-01T00:00:00.000Z');
    const results = await Promise.all(Array.from({ length: 8 }, () => claimEvent(t.db, 'discord:interaction:9', now)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
