import { createDataApiSqlClient } from '../../src/infrastructure/rds-data';

/**
 * The projection consumer with a Data API `SqlClient` built at load, as a role's container builds its clients: what
 * the function carries when it applies SQL read models on Aurora over the Data API.
 */
export { handler } from '../../src/infrastructure/lambda/projection-consumer';

export const sql = createDataApiSqlClient({
  resourceArn: 'arn:aws:rds:us-east-1:000000000000:cluster:cold-start',
  secretArn: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:cold-start-AbCdEf',
  database: 'eventfold',
});
