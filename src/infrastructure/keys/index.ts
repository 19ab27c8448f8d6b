export * from './key-wrapper';
export * from './local-key-wrapper';
export * from './dynamodb-subject-keys';
export * from './kms-key-wrapper';
export * from './key-wrapper-registry';
