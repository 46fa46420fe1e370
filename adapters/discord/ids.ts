/**
 * Discord's ids in the core's platform-prefixed form: accounts `discord:<user id>`, groups
 * `discord:<channel id>`. The prefix is the core's codec's.
 */
import { parsePlatformId, platformId, type AccountId } from '../../src/index.js';

const PLATFORM = 'discord';

export function accountOf(userId: string): AccountId {
  return platformId(PLATFORM, userId);
}

export function groupChatOf(channelId: string): string {
  return platformId(PLATFORM, channelId);
}

/** The Discord id inside a `discord:` chat or account id; null for another platform's id. */
export function discordIdOf(chatId: string): string | null {
  const parsed = parsePlatformId(chatId);
  return parsed?.platform === PLATFORM && /^\d{1,21}$/.test(parsed.own) ? parsed.own : null;
}

export function interactionKey(interactionId: string): string {
  return platformId(PLATFORM, `interaction:${interactionId}`);
}
