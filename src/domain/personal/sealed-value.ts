/**
 * A personal field as the store keeps it, in place of its value inside the event's `data`: the subject whose key
 * encrypted it and the ciphertext (base64 of IV, tag and AES-256-GCM ciphertext).
 */
export interface SealedValue {
  readonly $subject: string;
  readonly $sealed: string;
}

/**
 * A personal field sealed for a subject already forgotten: no ciphertext at all (the subject is never given a key
 * again), so every reader sees the field's replacement and nothing of the value is stored.
 */
export function forgottenValue(subject: string): SealedValue {
  return { $subject: subject, $sealed: '' };
}

/** True for a value shaped as a sealed personal field. */
export function isSealedValue(value: unknown): value is SealedValue {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.$subject === 'string' &&
    typeof record.$sealed === 'string' &&
    Object.keys(record).length === 2
  );
}

/**
 * A value sealed for every one of several subjects at once (nested encryptions, one per subject's key): readable
 * only while all of them keep their keys. What a process manager records of what it derived from personal data.
 */
export interface SealedBlob {
  readonly $subjects: readonly string[];
  readonly $sealed: string;
}

/** True for a value shaped as a sealed blob. */
export function isSealedBlob(value: unknown): value is SealedBlob {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return (
    Array.isArray(record.$subjects) &&
    record.$subjects.every((s) => typeof s === 'string') &&
    typeof record.$sealed === 'string' &&
    Object.keys(record).length === 2
  );
}
