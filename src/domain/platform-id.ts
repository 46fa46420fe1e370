/**
 * Ids of accounts and chats as the core stores them: `<platform>:<the platform's own id>`,
 * such as `telegram:12345` or `discord:4000…`. The core reads only the prefix; what follows
 * is the adapter's to encode and decode, through these two functions.
 */
export type PlatformId = string;

export function platformId(platform: string, own: string | number): PlatformId {
  return `${platform}:${own}`;
}

/** The platform and its own id; null when the text has no platform prefix. */
export function parsePlatformId(id: string): { platform: string; own: string } | null {
  const at = id.indexOf(':');
  if (at <= 0) return null;
  return { platform: id.slice(0, at), own: id.slice(at + 1) };
}

/** The platform an account or chat id belongs to ('' for an id without a prefix). */
export function platformOf(id: PlatformId): string {
  return parsePlatformId(id)?.platform ?? '';
}
