/**
 * Telegram ids as the core stores them: `telegram:<user id>` for an account and
 * `telegram:<chat id>` for a chat. A private chat's id is the user's id, so a person's
 * direct-message chat id is their account id. The prefix is the core's codec's.
 */
import { parsePlatformId, platformId } from '../../src/index.js';

const PLATFORM = 'telegram';

export function telegramId(id: number): string {
  return platformId(PLATFORM, id);
}

/** The numeric chat id behind a stored id; null for an id that is not Telegram's. */
export function chatIdOf(stored: string): number | null {
  const parsed = parsePlatformId(stored);
  if (parsed?.platform !== PLATFORM || !/^-?\d{1,16}$/.test(parsed.own)) return null;
  const n = Number(parsed.own);
  return Number.isSafeInteger(n) ? n : null;
}

export function updateKey(updateId: number): string {
  return platformId(PLATFORM, `update:${updateId}`);
}
