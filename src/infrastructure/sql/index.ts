export * from './pg-sql-client';
export * from './pglite-sql-client';
export * from './lazy-sql-client';
export * from './open-sql-client';
export * from './data-api-bindings';
