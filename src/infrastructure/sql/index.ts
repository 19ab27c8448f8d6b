export * from './pg-sql-client';
export * from './pglite-sql-client';
export * from './lazy-sql-client';
export * from './open-sql-client';
export * from './data-api-bindings';
export * from './sql-slot-versions';
export * from './sql-slot-clear';
