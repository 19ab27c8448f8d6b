export * from './rebuild-status';
export * from './rebuild-ports';
export * from './rebuild-errors';
export * from './flip-gate';
export * from './rebuild-gate';
export * from './rebuild-service';
export * from './rebuild-failure';
export * from './rollback';
