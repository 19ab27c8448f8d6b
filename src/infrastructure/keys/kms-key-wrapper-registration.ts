/*
 * Loaded for its effect: registers the KMS key wrapper. The CDK construct injects this module into the bundles of the
 * functions that need subjects' keys when the deployment has personal data; import it yourself in a function you
 * build otherwise.
 */
import { createKmsClient } from '../aws/clients';
import { ConfigurationError } from '../../domain/domain-errors';
import { registerKmsKeyWrapper } from './key-wrapper-registry';
import { KmsKeyWrapper } from './kms-key-wrapper';

registerKmsKeyWrapper((config) => {
  if (!config.kmsKeyId) throw new ConfigurationError('EVENTFOLD_KMS_KEY_ID is not set');
  return new KmsKeyWrapper(createKmsClient(config.endpoints), config.kmsKeyId);
});
