export * from './events';
export * from './member';
export * from './projections';
export * from './domain';
export * from './welcome-letters';
