/**
 * The data keys of data subjects, one 32-byte key per subject. On AWS a keys table holds each key wrapped by one
 * KMS key (envelope encryption); locally by a master key of the runtime; in tests in memory. Forgetting is final:
 * a destroyed key leaves a tombstone, and a forgotten subject id is never given a key again (a returning person
 * gets a new id), so personal data read before a forget and sent again after it is never readable.
 */
export interface SubjectKeys {
  /**
   * The subject's key, created on first use (two concurrent first uses end with one key); undefined once the
   * subject is forgotten, before or during this call: what would be sealed with it is stored as no ciphertext.
   */
  keyFor(subject: string): Promise<Uint8Array | undefined>;
  /** The subject's key; undefined when the subject has none (forgotten, or never given personal data). */
  existingKey(subject: string): Promise<Uint8Array | undefined>;
  /** Destroys the subject's key and leaves a tombstone: what it encrypted can never be read again, nor be new. */
  destroy(subject: string): Promise<void>;
}
