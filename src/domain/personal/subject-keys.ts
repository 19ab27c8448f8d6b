/**
 * The data keys of data subjects, one 32-byte key per subject. On AWS a keys table holds each key wrapped by one
 * KMS key (envelope encryption); locally by a master key of the runtime; in tests in memory.
 */
export interface SubjectKeys {
  /** The subject's key, created on first use (two concurrent first uses end with one key). */
  keyFor(subject: string): Promise<Uint8Array>;
  /** The subject's key; undefined when the subject has none (forgotten, or never given personal data). */
  existingKey(subject: string): Promise<Uint8Array | undefined>;
  /** Destroys the subject's key: what it encrypted can never be read again. */
  destroy(subject: string): Promise<void>;
}
