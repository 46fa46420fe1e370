import type { HeavyKind } from '../domain/heavy-moment.js';
import { addDays, type LocalDate } from '../domain/local-date.js';
import { toDbInstant } from './convert.js';
import type { Db } from './database.js';
import type { TextSeal } from './sealed-text.js';

/** How long moments are remembered: long enough to rotate the wording, no longer. */
const KEEP_DAYS = 7;

export interface MomentMemory {
  /** A moment of this kind already came today (so the full help was shown). */
  today: boolean;
  /** The wording variant shown last for this kind, on any remembered day. */
  lastVariant: number | null;
}

/**
 * The kind of moment (self-harm, an urge, safety) is kept as a keyed tag of the person and the
 * kind: lookups still match it, and the database alone does not say what the moment was.
 */
export function kindTag(seal: TextSeal, personId: string, kind: HeavyKind): string {
  return seal.tag(kind, personId);
}

export async function rememberedMoment(db: Db, seal: TextSeal, personId: string, date: LocalDate, kind: HeavyKind): Promise<MomentMemory> {
  const rows = await db.selectFrom('heavy_moments').select(['local_date', 'variant'])
    .where('person_id', '=', personId).where('kind', '=', kindTag(seal, personId, kind)).orderBy('last_at', 'desc').limit(KEEP_DAYS + 1).execute();
  return { today: rows.some((r) => r.local_date === date), lastVariant: rows[0]?.variant ?? null };
}

/** Records a moment shown today, and forgets the person's moments older than a week. */
export async function rememberMoment(db: Db, seal: TextSeal, personId: string, date: LocalDate, kind: HeavyKind, variant: number, now: Date): Promise<void> {
  const at = toDbInstant(now);
  await db.insertInto('heavy_moments').values({ person_id: personId, local_date: date, kind: kindTag(seal, personId, kind), variant, times: 1, last_at: at })
    .onConflict((oc) => oc.columns(['person_id', 'local_date', 'kind']).doUpdateSet((eb) => ({ variant, last_at: at, times: eb('heavy_moments.times', '+', 1) })))
    .execute();
  await db.deleteFrom('heavy_moments').where('person_id', '=', personId).where('local_date', '<', addDays(date, -KEEP_DAYS)).execute();
}
