export * from './replay-definition';
export * from './replay-iterator';
export * from './replay-publishers';
export * from './sfn-replay-workflow';
