export * from './commands';
export * from './events';
export * from './order';
export * from './domain';
export * from './projections';
export * from './confirmations';
export * from './orders-app';
