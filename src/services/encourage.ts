import type { CoreDeps } from './context.js';
import type { Person } from '../domain/person.js';
import { chooseEncouragement, encouragementCandidates } from '../messages/choose-encouragement.js';
import type { Situation } from '../messages/encouragement.js';
import { markSeen, recentlySeen } from '../store/encouragement-seen.js';

/**
 * Picks a message for the person's role and situation that they have not seen lately, and
 * remembers it. A message's id names the situation it was chosen for ('after-relapse',
 * 'low-mood'), so the record keeps a keyed tag of the person and the id, never the id: the
 * database alone does not tell which days were hard, nor, by how often a tag recurs across
 * people, which messages are the rare ones. Only the candidates' tags are worked out.
 */
export async function encourage(deps: CoreDeps, person: Person, situation: Situation, now: Date): Promise<string> {
  const role = person.role ?? 'recovery';
  const tagOf = deps.seal.tagsFor(person.id);
  const candidates = encouragementCandidates(role, situation);
  const idOf = new Map(candidates.map((c) => [tagOf(c.id), c.id]));
  // Rows from before tags (plain ids) still count as seen.
  const seen = (await recentlySeen(deps.db, person.id)).map((t) => idOf.get(t) ?? t);
  const pick = chooseEncouragement({ role, situation, recentlySeen: seen, random: deps.random, candidates });
  await markSeen(deps.db, person.id, tagOf(pick.id), now);
  return pick.text;
}
