/**
 * Telegram ids as the core stores them: `telegram:<user id>` for an account and
 * `telegram:<chat id>` for a chat. A private chat's id is the user's id, so a person's
 * direct-message chat id is their account id.
 */
const PREFIX = 'telegram:';

export function telegramId(id: number): string {
  return `${PREFIX}${id}`;
}

/** The numeric chat id behind a stored id; null for an id that is not Telegram's. */
export function chatIdOf(stored: string): number | null {
  if (!stored.startsWith(PREFIX)) return null;
  const raw = stored.slice(PREFIX.length);
  if (!/^-?\d{1,16}$/.test(raw)) return null;
  const n = Number(raw);
  return Number.isSafeInteger(n) ? n : null;
}

export function updateKey(updateId: number): string {
  return `${PREFIX}update:${updateId}`;
}
