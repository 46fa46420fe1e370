import type { AccountId } from '../../src/index.js';

/** Discord's ids in the core's platform-prefixed form: accounts `discord:<user id>`, groups `discord:<channel id>`. */
const PREFIX = 'discord:';

export function accountOf(userId: string): AccountId {
  return `${PREFIX}${userId}` as AccountId;
}

export function groupChatOf(channelId: string): string {
  return `${PREFIX}${channelId}`;
}

/** The Discord id inside a `discord:` chat or account id; null for another platform's id. */
export function discordIdOf(chatId: string): string | null {
  const id = chatId.startsWith(PREFIX) ? chatId.slice(PREFIX.length) : '';
  return /^\d{1,21}$/.test(id) ? id : null;
}

export function interactionKey(interactionId: string): string {
  return `${PREFIX}interaction:${interactionId}`;
}
