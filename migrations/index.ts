import type { Migration } from 'kysely';
import * as m0001 from './0001_initial.js';

/** Every migration in order. Append only: a landed migration is never edited. */
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
};
