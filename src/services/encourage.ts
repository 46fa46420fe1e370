import type { CoreDeps } from './context.js';
import type { Person } from '../domain/person.js';
import { chooseEncouragement } from '../messages/choose-encouragement.js';
import { ENCOURAGEMENTS, type Situation } from '../messages/encouragement.js';
import { markSeen, recentlySeen } from '../store/encouragement-seen.js';
import type { TextSeal } from '../store/sealed-text.js';

/**
 * A message's id names the situation it was chosen for ('after-relapse', 'low-mood'), so the
 * record of what a person saw keeps a keyed tag of it, never the id: the database alone does
 * not tell which days were hard. The tags of the whole library are worked out once per key.
 */
const idsByTag = new WeakMap<TextSeal, Map<string, string>>();

function idOfTag(seal: TextSeal): Map<string, string> {
  let m = idsByTag.get(seal);
  if (!m) idsByTag.set(seal, (m = new Map(ENCOURAGEMENTS.map((e) => [seal.tag(e.id), e.id]))));
  return m;
}

/** Picks a message for the person's role and situation that they have not seen lately, and remembers it. */
export async function encourage(deps: CoreDeps, person: Person, situation: Situation, now: Date): Promise<string> {
  const ids = idOfTag(deps.seal);
  // Rows from before tags (plain ids) still count as seen.
  const seen = (await recentlySeen(deps.db, person.id)).map((t) => ids.get(t) ?? t);
  const pick = chooseEncouragement({ role: person.role ?? 'recovery', situation, recentlySeen: seen, random: deps.random });
  await markSeen(deps.db, person.id, deps.seal.tag(pick.id), now);
  return pick.text;
}
