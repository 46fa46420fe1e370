import type { CoreDeps } from './context.js';
import type { LocalDate } from '../domain/local-date.js';
import { listPeriods, startPeriod } from '../store/sobriety-periods.js';

/** A person in recovery always has a current period; the first one starts the day they choose the role. */
export async function ensureSobrietyPeriod(deps: CoreDeps, personId: string, today: LocalDate, now: Date): Promise<void> {
  const periods = await listPeriods(deps.db, personId);
  if (!periods.some((p) => p.end === null)) await startPeriod(deps.db, personId, today, now);
}
