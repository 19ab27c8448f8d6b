import { DecryptCommand, GenerateDataKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { TemporarilyUnavailableError } from '../../domain/domain-errors';
import type { KeyWrapper, NewDataKey } from './key-wrapper';

/**
 * Envelope encryption with one KMS key for every subject: `GenerateDataKey` makes a subject's AES-256 data key, KMS
 * wraps it, and `Decrypt` unwraps it. The subject is the encryption context, so a wrapped key only unwraps for its
 * own subject (and CloudTrail names the subject of every unwrap).
 * @example
 * const wrapper = new KmsKeyWrapper(new KMSClient({}), process.env.EVENTFOLD_KMS_KEY_ID!);
 */
export class KmsKeyWrapper implements KeyWrapper {
  readonly kind = 'kms';

  constructor(
    private readonly kms: KMSClient,
    private readonly keyId: string,
  ) {}

  async generate(subject: string): Promise<NewDataKey> {
    const out = await this.kms.send(
      new GenerateDataKeyCommand({ KeyId: this.keyId, KeySpec: 'AES_256', EncryptionContext: { subject } }),
    );
    if (!out.Plaintext || !out.CiphertextBlob) throw this.unavailable('GenerateDataKey', subject);
    return { key: out.Plaintext, wrapped: out.CiphertextBlob };
  }

  async unwrap(subject: string, wrapped: Uint8Array): Promise<Uint8Array> {
    const out = await this.kms.send(
      new DecryptCommand({ KeyId: this.keyId, CiphertextBlob: wrapped, EncryptionContext: { subject } }),
    );
    if (!out.Plaintext) throw this.unavailable('Decrypt', subject);
    return out.Plaintext;
  }

  private unavailable(operation: string, subject: string): TemporarilyUnavailableError {
    return new TemporarilyUnavailableError(`KMS ${operation} returned no key`, {
      subject,
      keyId: this.keyId,
    });
  }
}
