export * from './sqs-dead-letters';
