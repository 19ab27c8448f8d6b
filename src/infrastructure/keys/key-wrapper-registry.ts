import type { EventfoldConfig } from '../config';
import type { KeyWrapper } from './key-wrapper';

/** Builds the key wrapper of a deployment from its configuration. */
export type KeyWrapperFactory = (config: EventfoldConfig) => KeyWrapper;

const REGISTRY = Symbol.for('eventfold.kmsKeyWrapper');
type Holder = { [REGISTRY]?: KeyWrapperFactory };

/**
 * Registers how to wrap data keys with KMS. `eventfold/aws`'s `kms-key-wrapper-registration` module calls it when
 * loaded; the CDK construct bundles that module only into the functions of an app with personal data, so the KMS
 * client stays out of every other bundle. Kept on `globalThis`, so that two copies of the package agree.
 */
export function registerKmsKeyWrapper(factory: KeyWrapperFactory): void {
  (globalThis as Holder)[REGISTRY] = factory;
}

/** The registered KMS key wrapper factory, if a bundle loaded one. */
export function registeredKmsKeyWrapper(): KeyWrapperFactory | undefined {
  return (globalThis as Holder)[REGISTRY];
}
