export * from './key-wrapper';
export * from './local-key-wrapper';
export * from './dynamodb-subject-keys';
