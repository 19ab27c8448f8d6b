export * from './dynamodb-read-model-store';
export * from './dynamodb-read-model-reader';
export * from './table-of';
