import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Free text a person writes (notes, goals, boundaries, circles) is sealed with
 * AES-256-GCM when a data key is configured, so the database file alone reveals nothing.
 * Without a key it is stored as written; the bot warns about that at start.
 */
export interface TextSeal {
  readonly encrypts: boolean;
  seal(plain: string): string;
  open(stored: string): string;
}

const PREFIX = 'gcm1:';

/**
 * `previous` keys only open text: during a key rotation, old text stays readable until
 * `npm run rekey` has sealed it again under the current key.
 */
export function createTextSeal(key: Buffer | null, previous: readonly Buffer[] = []): TextSeal {
  for (const k of [key, ...previous]) if (k && k.length !== 32) throw new Error('data key must be 32 bytes');
  return {
    encrypts: key !== null,
    seal(plain) {
      if (!key) return plain;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(stored) {
      if (!stored.startsWith(PREFIX)) return stored; // written before a key was configured
      const keys = [key, ...previous].filter((k): k is Buffer => k !== null);
      if (keys.length === 0) throw new Error('this text is encrypted and no STEADFAST_DATA_KEY is configured');
      const raw = Buffer.from(stored.slice(PREFIX.length), 'base64');
      for (const k of keys) {
        try {
          const decipher = createDecipheriv('aes-256-gcm', k, raw.subarray(0, 12));
          decipher.setAuthTag(raw.subarray(12, 28));
          return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
        } catch {
          // not this key; try the next one
        }
      }
      throw new Error('this text was encrypted with a key that is not configured (STEADFAST_DATA_KEY or STEADFAST_DATA_KEY_PREVIOUS)');
    },
  };
}
