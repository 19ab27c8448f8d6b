export * from './data-api-errors';
export * from './data-api-sql-client';
export * from './data-api-statement';
export * from './parameter-fields';
export * from './placeholders';
export * from './result-rows';
export * from './resume-wait';
