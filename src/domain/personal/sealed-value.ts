/**
 * A personal field as the store keeps it, in place of its value inside the event's `data`: the subject whose key
 * encrypted it and the ciphertext (base64 of IV, tag and AES-256-GCM ciphertext).
 */
export interface SealedValue {
  readonly $subject: string;
  readonly $sealed: string;
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
