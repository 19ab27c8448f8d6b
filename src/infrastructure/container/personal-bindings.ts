import type { Container } from 'inversify';
import { CachedSubjectKeys } from '../../application/personal/cached-subject-keys';
import { ConfigurationError } from '../../domain/domain-errors';
import { ForgetService } from '../../application/personal/forget-service';
import { PersonalDataCodec } from '../../domain/personal/personal-data-codec';
import type { EventfoldConfig } from '../config';
import { DynamoDbSubjectKeys } from '../keys/dynamodb-subject-keys';
import type { KeyWrapper } from '../keys/key-wrapper';
import { registeredKmsKeyWrapper } from '../keys/key-wrapper-registry';
import { LocalKeyWrapper, loadMasterKey } from '../keys/local-key-wrapper';
import { CoreTokens } from './core-bindings';
import { PersonalTokens } from './personal-tokens';
import { provide } from './tokens';
import { WriteTokens } from './write-bindings';

function keyWrapperOf(config: EventfoldConfig): KeyWrapper {
  if (config.kmsKeyId) {
    const kms = registeredKmsKeyWrapper();
    if (kms) return kms(config);
    throw new ConfigurationError(
      "EVENTFOLD_KMS_KEY_ID is set but no KMS key wrapper is loaded: deploy with the construct's personalData " +
        "option, or import 'eventfold/dist/src/infrastructure/keys/kms-key-wrapper-registration' in the function",
    );
  }
  if (!config.masterKeyFile) {
    throw new ConfigurationError(
      'the domain declares personal data but neither EVENTFOLD_KMS_KEY_ID nor EVENTFOLD_MASTER_KEY_FILE is set',
    );
  }
  return new LocalKeyWrapper(loadMasterKey(config.masterKeyFile));
}

/**
 * Binds the keys table behind a per-container cache, its keys wrapped by the KMS key where `kmsKeyId` is set (on
 * AWS; the registered KMS wrapper) and by the local master key file otherwise. The codec is undefined when the domain declares no personal
 * data, so such an app never builds a key store nor sends a request for one; and the forget service. Only the roles
 * that commit or show events bind it (the API, the timer function; the projection consumer binds the codec alone),
 * so the others' bundles leave it out.
 */
export function bindPersonalData(container: Container): void {
  bindPersonalCodec(container);
  provide(
    container,
    PersonalTokens.forget,
    (get) => new ForgetService(get(PersonalTokens.subjectKeys), get(WriteTokens.eventStore)),
  );
}

/**
 * Binds the keys and the codec of `bindPersonalData` without the forget service: what a role that reveals or seals
 * events but never forgets a subject needs (the projection consumer).
 */
export function bindPersonalCodec(container: Container): void {
  if (!container.isBound(PersonalTokens.keyWrapper)) {
    provide(container, PersonalTokens.keyWrapper, (get) => keyWrapperOf(get(CoreTokens.config)));
  }
  provide(container, PersonalTokens.subjectKeys, (get) => {
    const table = get(CoreTokens.config).keysTable ?? 'eventfold-keys';
    const keys = new DynamoDbSubjectKeys(get(CoreTokens.dynamodb), table, get(PersonalTokens.keyWrapper));
    return new CachedSubjectKeys(keys);
  });
  provide(container, PersonalTokens.codec, (get) => {
    const domain = get(CoreTokens.domain);
    return domain.personal.declared
      ? new PersonalDataCodec(domain.personal, get(PersonalTokens.subjectKeys))
      : undefined;
  });
}
