import { decryptField, encryptField, type FieldPlace } from './field-cipher';
import type { SealedBlob } from './sealed-value';
import type { SubjectKeys } from './subject-keys';

/**
 * Seals a JSON value for several subjects: encrypted with the first subject's key, that ciphertext with the
 * second's, and so on, each time with the place as associated data. Forgetting any one of them makes it unreadable;
 * when one is forgotten already, the blob holds no ciphertext at all.
 */
export async function sealBlob(
  keys: SubjectKeys,
  subjects: readonly string[],
  place: FieldPlace,
  value: unknown,
): Promise<SealedBlob> {
  const ordered = [...new Set(subjects)].sort();
  let sealed: unknown = value;
  for (const subject of ordered) {
    const key = await keys.keyFor(subject);
    if (!key) return { $subjects: ordered, $sealed: '' };
    sealed = encryptField(key, place, sealed);
  }
  return { $subjects: ordered, $sealed: sealed as string };
}

/** Opens what `sealBlob` made; undefined when a subject's key is gone (or the blob was moved or altered). */
export async function openBlob(
  keys: SubjectKeys,
  blob: SealedBlob,
  place: FieldPlace,
): Promise<{ value: unknown } | undefined> {
  let opened: { value: unknown } = { value: blob.$sealed };
  for (const subject of [...blob.$subjects].reverse()) {
    const key = await keys.existingKey(subject);
    const next = key && typeof opened.value === 'string' && decryptField(key, place, opened.value);
    if (!next) return undefined;
    opened = next;
  }
  return opened;
}
