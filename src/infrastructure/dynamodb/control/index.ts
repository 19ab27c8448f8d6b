export * from './dynamodb-pointer-store';
export * from './dynamodb-replay-status-store';
export * from './dynamodb-rebuild-status-store';
export * from './dynamodb-slot-versions';
export * from './dynamodb-slot-clear';
export * from './slot-clear-errors';
export { controlKey } from './control-items';
