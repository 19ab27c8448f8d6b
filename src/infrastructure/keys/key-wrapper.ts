/** A new data key: its plaintext, to use now, and its wrapped form, to store. */
export interface NewDataKey {
  readonly key: Uint8Array;
  readonly wrapped: Uint8Array;
}

/**
 * Makes and unwraps data keys under one master key: KMS on AWS (envelope encryption, one KMS key for every
 * subject), a key file of the runtime locally. The subject is bound into the wrapping, so a wrapped key cannot be
 * moved to another subject.
 */
export interface KeyWrapper {
  /** Short name stored with each wrapped key (`kms`, `local`). */
  readonly kind: string;
  generate(subject: string): Promise<NewDataKey>;
  unwrap(subject: string, wrapped: Uint8Array): Promise<Uint8Array>;
}
