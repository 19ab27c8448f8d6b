export * from './dynamodb-snapshot-store';
