import type { Container } from 'inversify';
import { CachedSubjectKeys } from '../../application/personal/cached-subject-keys';
import { ForgetService } from '../../application/personal/forget-service';
import { ConfigurationError } from '../../domain/domain-errors';
import { PersonalDataCodec } from '../../domain/personal/personal-data-codec';
import type { SubjectKeys } from '../../domain/personal/subject-keys';
import type { EventfoldConfig } from '../config';
import { DynamoDbSubjectKeys } from '../keys/dynamodb-subject-keys';
import type { KeyWrapper } from '../keys/key-wrapper';
import { LocalKeyWrapper, loadMasterKey } from '../keys/local-key-wrapper';
import { CoreTokens } from './core-bindings';
import { provide, token } from './tokens';

/** Tokens of personal data (guarantee 14): the subjects' keys, the codec and the forget service. */
export const PersonalTokens = {
  keyWrapper: token<KeyWrapper>('KeyWrapper'),
  subjectKeys: token<SubjectKeys>('SubjectKeys'),
  codec: token<PersonalDataCodec | undefined>('PersonalDataCodec'),
  forget: token<ForgetService>('ForgetService'),
} as const;

function localWrapper(config: EventfoldConfig): KeyWrapper {
  if (!config.masterKeyFile) {
    throw new ConfigurationError(
      'the domain declares personal data but neither EVENTFOLD_KMS_KEY_ID nor EVENTFOLD_MASTER_KEY_FILE is set',
    );
  }
  return new LocalKeyWrapper(loadMasterKey(config.masterKeyFile));
}

/**
 * Binds the keys table behind a per-container cache, with the local master key as wrapper (the KMS wrapper replaces
 * it where `kmsKeyId` is set, see `bindKmsKeyWrapper`). The codec is undefined when the domain declares no personal
 * data, so such an app never builds a key store nor sends a request for one.
 */
export function bindPersonalData(container: Container): void {
  if (!container.isBound(PersonalTokens.keyWrapper)) {
    provide(container, PersonalTokens.keyWrapper, (get) => localWrapper(get(CoreTokens.config)));
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
