export * from './eventfold-client';
