export * from './aggregate-spec';
export * from './projection-spec';
export * from './event-store-contract';
export * from './event-store-fixtures';
export * from './in-memory-event-store';
