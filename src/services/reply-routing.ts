import type { AccountId } from '../domain/person.js';
import type { ChatRef } from '../ports/inbound.js';
import type { Destination } from '../ports/platform.js';

/** What a platform can do for an answer, as its port declares it. */
export interface AnswerAbilities {
  answersInline: boolean;
  ephemeral: boolean;
  editsMessages: boolean;
  asksWithForms: boolean;
}

/** A platform without a port here (a test's own account prefix) is answered inline, like the console. */
export const INLINE_ONLY: AnswerAbilities = { answersInline: true, ephemeral: false, editsMessages: false, asksWithForms: false };

export interface Asker {
  account: AccountId;
  chat: ChatRef;
  /** The account wrote to the bot privately before, so a direct message can reach it. */
  knowsDirectChat: boolean;
}

/** Where one reply goes. */
export type Route =
  | { via: 'inline'; visibility: 'chat' | 'sender-only' }
  | { via: 'outbox'; to: Destination; toSender: boolean }
  /** A private answer that cannot reach the person privately: replaced by a neutral note in the chat. */
  | { via: 'open-private-chat' };

/**
 * The one rule for where an answer goes. A private answer asked for in a group goes to the
 * sender alone: as an ephemeral reply where the platform has them, else to their private chat,
 * else nowhere but a neutral note asking them to open one. Everything else answers where it was
 * asked: inline where the platform answers events inline, else as an ordinary message.
 */
export function routeReply(isPrivate: boolean, asker: Asker, can: AnswerAbilities): Route {
  const here: Route = can.answersInline
    ? { via: 'inline', visibility: 'chat' }
    : { via: 'outbox', to: { chatId: asker.chat.id, kind: asker.chat.kind }, toSender: asker.chat.kind === 'dm' };
  if (asker.chat.kind === 'dm' || !isPrivate) return here;
  if (can.answersInline && can.ephemeral) return { via: 'inline', visibility: 'sender-only' };
  if (asker.knowsDirectChat) return { via: 'outbox', to: { chatId: asker.account, kind: 'dm' }, toSender: true };
  return { via: 'open-private-chat' };
}
