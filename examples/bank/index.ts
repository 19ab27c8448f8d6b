export * from './commands';
export * from './events';
export * from './account';
export * from './domain';
export * from './projections';
