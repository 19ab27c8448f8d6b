import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Where a ciphertext belongs: bound into it as associated data, so that it cannot be moved to another place. */
export interface FieldPlace {
  readonly streamId: string;
  readonly version: number;
  readonly field: string;
}

function associatedData(place: FieldPlace): Buffer {
  return Buffer.from(`${place.streamId}\u0000${place.version}\u0000${place.field}`, 'utf8');
}

/**
 * Encrypts a JSON value with AES-256-GCM under a 32-byte data key, the place as associated data. The IV is
 * derived (HMAC of the key over place and plaintext), so the same value at the same place encrypts the same way:
 * a resent commit carries the same ciphertext, and an IV repeats only with the very same input.
 * Returns base64 of IV, tag and ciphertext.
 */
export function encryptField(key: Uint8Array, place: FieldPlace, value: unknown): string {
  const aad = associatedData(place);
  const plaintext = Buffer.from(JSON.stringify(value ?? null), 'utf8');
  const iv = createHmac('sha256', key).update(aad).update(plaintext).digest().subarray(0, IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/**
 * Decrypts what `encryptField` made, checking it was made with this key for this place; undefined when it was not
 * (a wrong key, a ciphertext moved from elsewhere, or altered), never an exception.
 */
export function decryptField(
  key: Uint8Array,
  place: FieldPlace,
  sealed: string,
): { value: unknown } | undefined {
  const bytes = Buffer.from(sealed, 'base64');
  if (bytes.length < IV_BYTES + TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv(ALGORITHM, key, bytes.subarray(0, IV_BYTES), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(associatedData(place));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    return { value: JSON.parse(plain.toString('utf8')) as unknown };
  } catch {
    return undefined;
  }
}
