export * from './commands';
export * from './events';
export * from './product';
export * from './domain';
