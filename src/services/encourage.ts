import type { CoreDeps } from './context.js';
import type { Person } from '../domain/person.js';
import { chooseEncouragement } from '../messages/choose-encouragement.js';
import type { Situation } from '../messages/encouragement.js';
import { markSeen, recentlySeen } from '../store/encouragement-seen.js';

/** Picks a message for the person's role and situation that they have not seen lately, and remembers it. */
export async function encourage(deps: CoreDeps, person: Person, situation: Situation, now: Date): Promise<string> {
  const seen = await recentlySeen(deps.db, person.id);
  const pick = chooseEncouragement({ role: person.role ?? 'recovery', situation, recentlySeen: seen, random: deps.random });
  await markSeen(deps.db, person.id, pick.id, now);
  return pick.text;
}
