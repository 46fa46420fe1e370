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

export function createTextSeal(key: Buffer | null): TextSeal {
  if (key && key.length !== 32) throw new Error('data key must be 32 bytes');
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
      if (!key) throw new Error('this text is encrypted and no STEADFAST_DATA_KEY is configured');
      const raw = Buffer.from(stored.slice(PREFIX.length), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
