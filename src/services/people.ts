import type { CoreDeps } from './context.js';
import { localDateOf } from '../domain/local-date.js';
import type { Person } from '../domain/person.js';
import type { InboundMessage } from '../ports/inbound.js';
import { createPerson, findPersonByAccount } from '../store/people.js';

/** The person behind an account; the first message from a new account creates them with defaults. */
export async function resolvePerson(deps: CoreDeps, msg: InboundMessage, now: Date): Promise<{ person: Person; isNew: boolean }> {
  const found = await findPersonByAccount(deps.db, msg.account);
  if (found) return { person: found, isNew: false };
  const person = await createPerson(deps.db, {
    account: msg.account,
    displayName: msg.displayName,
    timezone: deps.config.defaultTimezone,
    promptTime: deps.config.defaultPromptTime,
    joinedOn: localDateOf(now, deps.config.defaultTimezone),
    now,
  }).catch(async (e: unknown) => {
    // Two first messages at once: the other one created the person; use theirs.
    const raced = await findPersonByAccount(deps.db, msg.account);
    if (raced) return raced;
    throw e;
  });
  return { person, isNew: true };
}
