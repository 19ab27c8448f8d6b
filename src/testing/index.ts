export * from './aggregate-spec';
export * from './projection-spec';
