import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigurationError } from '../../domain/domain-errors';
import type { KeyWrapper, NewDataKey } from './key-wrapper';

const KEY_BYTES = 32;

/** Reads the master key file, creating it (owner-only) on first use; two racing creators end with one key. */
export function loadMasterKey(file: string): Buffer {
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, randomBytes(KEY_BYTES), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const key = readFileSync(file);
  if (key.length !== KEY_BYTES) {
    throw new ConfigurationError(`master key file ${file} holds ${key.length} bytes, not ${KEY_BYTES}`, {
      file,
    });
  }
  return key;
}

/**
 * Wraps data keys with a local master key (AES-256-GCM, the subject as associated data): the local runtime's
 * stand-in for KMS, with the same interface. The master key lives in a file under the runtime's data folder.
 * @example
 * const wrapper = new LocalKeyWrapper(loadMasterKey('.eventfold/master.key'));
 */
export class LocalKeyWrapper implements KeyWrapper {
  readonly kind = 'local';

  constructor(private readonly masterKey: Uint8Array) {}

  async generate(subject: string): Promise<NewDataKey> {
    const key = randomBytes(KEY_BYTES);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.masterKey, iv);
    cipher.setAAD(Buffer.from(subject, 'utf8'));
    const body = Buffer.concat([cipher.update(key), cipher.final()]);
    return { key, wrapped: Buffer.concat([iv, cipher.getAuthTag(), body]) };
  }

  async unwrap(subject: string, wrapped: Uint8Array): Promise<Uint8Array> {
    const bytes = Buffer.from(wrapped);
    const decipher = createDecipheriv('aes-256-gcm', this.masterKey, bytes.subarray(0, 12));
    decipher.setAAD(Buffer.from(subject, 'utf8'));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]);
  }
}
