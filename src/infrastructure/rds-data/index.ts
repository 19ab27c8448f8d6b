/**
 * SQL read models on Aurora through the RDS Data API: the `SqlClient` adapter, its target from the environment, the
 * statement translation it uses and its errors. The decoding helpers stay internal.
 */
export * from './data-api-sql-client';
export { dataApiError, type DataApiCall } from './data-api-errors';
export { toDataApiStatement, type DataApiStatement } from './data-api-statement';
export type { TypedField } from './parameter-fields';
export { DEFAULT_RESUME_WAIT, type ResumeWait } from './resume-wait';
