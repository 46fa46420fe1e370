import type { Migration } from 'kysely';
import * as m0001 from './0001_initial.js';
import * as m0002 from './0002_scheduling.js';
import * as m0003 from './0003_relationships.js';
import * as m0004 from './0004_person_indexes.js';
import * as m0005 from './0005_checkin_safety.js';
import * as m0006 from './0006_typed_outbox.js';
import * as m0007 from './0007_simulated_clock.js';
import * as m0008 from './0008_heavy_moments.js';
import * as m0009 from './0009_fanos_review.js';
import * as m0010 from './0010_consent_halves.js';
import * as m0011 from './0011_private_at_rest.js';
import * as m0012 from './0012_boundaries_per_link.js';
import * as m0013 from './0013_delivery_priority.js';

/** Every migration in order. Append only: a landed migration is never edited. */
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_scheduling': m0002,
  '0003_relationships': m0003,
  '0004_person_indexes': m0004,
  '0005_checkin_safety': m0005,
  '0006_typed_outbox': m0006,
  '0007_simulated_clock': m0007,
  '0008_heavy_moments': m0008,
  '0009_fanos_review': m0009,
  '0010_consent_halves': m0010,
  '0011_private_at_rest': m0011,
  '0012_boundaries_per_link': m0012,
  '0013_delivery_priority': m0013,
};
