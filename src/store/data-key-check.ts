import { randomBytes } from 'node:crypto';
import { toDbInstant } from './convert.js';
import type { Db } from './database.js';
import { placeOf } from './person-registry.js';
import { rekeyAll, type RekeyReport } from './rekey.js';
import { SealError, type TextSeal } from './sealed-text.js';

const ID = 'data-key';

/** The configured key does not open this database's data: starting would only fail later, at every read. */
export class DataKeyMismatch extends Error {
  constructor() {
    super('STEADFAST_DATA_KEY (or the key file) is not the key this database was encrypted with; restore the key kept with its backup, or give the old key in STEADFAST_DATA_KEY_PREVIOUS and run npm run rekey');
  }
}

/**
 * At start, with a key: a database that already has a check value must open it with the key
 * given (or a previous one). A database without one has never been opened with a key: what it
 * holds from before (clear text, or text sealed before places were bound) is sealed now, by
 * the same walk as `npm run rekey`, and the check value is written.
 */
export async function checkDataKey(db: Db, seal: TextSeal, now: Date): Promise<{ sealedNow: RekeyReport | null }> {
  if (!seal.encrypts) return { sealedNow: null };
  const row = await db.selectFrom('data_key_check').select(['id', 'check_value']).where('id', '=', ID).executeTakeFirst();
  if (row) {
    try {
      seal.open(row.check_value, placeOf('data_key_check', 'check_value', row));
      return { sealedNow: null };
    } catch (e) {
      if (e instanceof SealError) throw new DataKeyMismatch();
      throw e;
    }
  }
  const sealedNow = await rekeyAll(db, seal);
  await writeKeyCheck(db, seal, now);
  return { sealedNow };
}

/** Writes the check value under the current key, if there is none (rekey seals an existing one again). */
export async function writeKeyCheck(db: Db, seal: TextSeal, now: Date): Promise<void> {
  const value = seal.seal(randomBytes(16).toString('base64'), placeOf('data_key_check', 'check_value', { id: ID }));
  await db.insertInto('data_key_check').values({ id: ID, check_value: value, created_at: toDbInstant(now) })
    .onConflict((oc) => oc.column('id').doNothing()).execute();
}
