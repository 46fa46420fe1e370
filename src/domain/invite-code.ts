import { createHash } from 'node:crypto';

/** Crockford-style alphabet: no I, L, O, U, so a code read aloud or typed is not mistaken. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 10;

/** 10 symbols of 32 = 50 bits from a cryptographic source: unguessable within the redemption limit. */
export function makeCode(randomBytes: (n: number) => Uint8Array): string {
  const bytes = randomBytes(CODE_LENGTH);
  let out = '';
  for (const b of bytes) out += ALPHABET[b % 32];
  return `${out.slice(0, 5)}-${out.slice(5)}`;
}

/** Codes are typed by people: ignore case, spaces and dashes; read O as 0 and I/L as 1. */
export function normaliseCode(typed: string): string | null {
  const s = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== CODE_LENGTH || [...s].some((c) => !ALPHABET.includes(c))) return null;
  return s;
}

/** Only a hash is stored, so a copy of the database holds no usable codes. */
export function hashCode(normalised: string): string {
  return createHash('sha256').update(`steadfast-invite:${normalised}`).digest('hex');
}

/** What a start link carries for an invitation: letters, digits and `-` only, as Telegram's start parameter allows. */
const PAYLOAD_PREFIX = 'accept-';

export function invitePayload(code: string): string {
  return `${PAYLOAD_PREFIX}${code.replace(/-/g, '')}`;
}

/** The invitation code a start link carried, as typed text for `/accept`; null when the payload is not an invitation. */
export function codeOfPayload(payload: string): string | null {
  return payload.startsWith(PAYLOAD_PREFIX) ? payload.slice(PAYLOAD_PREFIX.length) : null;
}
