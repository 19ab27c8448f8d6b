export * from './dynamodb-answer-journal';
