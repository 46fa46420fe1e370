import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * Where a sealed value lives: its table, its column, its row and the person (or chat) it
 * belongs to. The place is authenticated with the text (AES-GCM associated data), so a
 * ciphertext copied to another row, column or person does not open there.
 */
export interface SealPlace {
  table: string;
  column: string;
  /** The row's identity, e.g. its id, or a date for a person's check-in. */
  row: string;
  /** Whose it is: a person id, or for a message its chat and recipient. */
  owner: string;
}

/** A stored value that must not be read: not sealed under this database's key, or altered, or moved. */
export class SealError extends Error {
  constructor(readonly place: SealPlace, readonly reason: 'unsealed' | 'unreadable' | 'no-key') {
    super(`sealed text in ${place.table}.${place.column} ${reason === 'unsealed'
      ? 'is not encrypted (run npm run rekey)'
      : reason === 'no-key' ? 'is encrypted and no data key is configured' : 'does not open with the data key here (another key, or moved or altered)'}`);
  }
}

/** What `npm run rekey` finds in a stored value: its text and the form it was in, or nothing readable. */
export type RekeyOpened = { text: string; form: 'current' | 'legacy' | 'plain' } | { unreadable: true };

/**
 * Free text a person writes (notes, goals, boundaries, circles, check-in answers, messages
 * waiting to be sent) is sealed with AES-256-GCM, bound to its place. Without a key (tests
 * only: a running bot always has one) text is stored as written.
 */
export interface TextSeal {
  readonly encrypts: boolean;
  seal(plain: string, at: SealPlace): string;
  /** Opens a value sealed at exactly this place under a configured key; anything else throws a SealError. */
  open(stored: string, at: SealPlace): string;
  /** For `npm run rekey` only: also opens text from before places were bound, and text written before a key existed. */
  openAnyForm(stored: string, at: SealPlace): RekeyOpened;
  /**
   * A stand-in for a short value that must not be readable where it is kept: the same value
   * (for the same `owner`, such as a person id) gives the same tag under one key, so it can be
   * looked up; the tag tells nothing without the key, and with an owner it does not recur
   * across people either. Without a key, the value itself.
   */
  tag(value: string, owner?: string): string;
  /** The same as `tag`, for many values of one owner: the owner's part is worked out once. */
  tagsFor(owner: string): (value: string) => string;
}

const CURRENT = 'gcm2:';
/** Sealed before places were bound: opened only by `npm run rekey`. */
const LEGACY = 'gcm1:';
/** Without a key, text that would look sealed is marked as plain, so it is never taken for a ciphertext. */
const PLAIN = 'plain:';

function associatedData(at: SealPlace): Buffer {
  // Lengths first, so no choice of values can make two places read the same.
  const parts = [at.table, at.column, at.row, at.owner];
  return Buffer.from(`steadfast-seal-v2|${parts.map((p) => `${p.length}:${p}`).join('|')}`, 'utf8');
}

function decrypt(key: Buffer, raw: Buffer, aad: Buffer | null): string | null {
  if (raw.length < 28) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    if (aad) decipher.setAAD(aad);
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return null; // not this key, or not this place
  }
}

/**
 * `previous` keys only open text: during a key rotation, old text stays readable until
 * `npm run rekey` has sealed it again under the current key.
 */
export function createTextSeal(key: Buffer | null, previous: readonly Buffer[] = []): TextSeal {
  for (const k of [key, ...previous]) if (k && k.length !== 32) throw new Error('data key must be 32 bytes');
  const keys = [key, ...previous].filter((k): k is Buffer => k !== null);
  // The tag key is derived, so a tag never reveals anything about the data key itself.
  const tagKey = key ? createHmac('sha256', key).update('steadfast-tag-v1').digest() : null;
  const openCurrent = (stored: string, at: SealPlace): string | null => {
    const raw = Buffer.from(stored.slice(CURRENT.length), 'base64');
    const aad = associatedData(at);
    for (const k of keys) {
      const text = decrypt(k, raw, aad);
      if (text !== null) return text;
    }
    return null;
  };
  const looksSealed = (s: string) => s.startsWith(CURRENT) || s.startsWith(LEGACY);
  return {
    encrypts: key !== null,
    seal(plain, at) {
      if (!key) return looksSealed(plain) || plain.startsWith(PLAIN) ? PLAIN + plain : plain;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(associatedData(at));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return CURRENT + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(stored, at) {
      if (!key) {
        if (stored.startsWith(PLAIN)) return stored.slice(PLAIN.length);
        if (looksSealed(stored)) throw new SealError(at, 'no-key');
        return stored;
      }
      if (!stored.startsWith(CURRENT)) throw new SealError(at, looksSealed(stored) ? 'unreadable' : 'unsealed');
      const text = openCurrent(stored, at);
      if (text === null) throw new SealError(at, 'unreadable');
      return text;
    },
    openAnyForm(stored, at) {
      if (stored.startsWith(CURRENT)) {
        const text = openCurrent(stored, at);
        return text === null ? { unreadable: true } : { text, form: 'current' };
      }
      if (stored.startsWith(LEGACY)) {
        const raw = Buffer.from(stored.slice(LEGACY.length), 'base64');
        for (const k of keys) {
          const text = decrypt(k, raw, null);
          if (text !== null) return { text, form: 'legacy' };
        }
        return { unreadable: true };
      }
      return { text: stored.startsWith(PLAIN) ? stored.slice(PLAIN.length) : stored, form: 'plain' };
    },
    tag(value, owner = '') {
      return this.tagsFor(owner)(value);
    },
    tagsFor(owner) {
      if (!tagKey) return (value) => value;
      // A key of the owner's own, so one hash a value (not an HMAC) makes the tag.
      const ownerKey = createHmac('sha256', tagKey).update(owner).digest();
      return (value) => createHash('sha256').update(ownerKey).update(value).digest('base64url').slice(0, 16);
    },
  };
}
