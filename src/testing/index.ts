export * from './aggregate-spec';
