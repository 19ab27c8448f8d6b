export * from './sql-client';
export * from './sql-template';
export * from './sql-projection';
export * from './sql-errors';
export * from './sql-schema';
export * from './sql-read-model-store';
export * from './sql-read-model-reader';
export * from './routed-read-model-store';
