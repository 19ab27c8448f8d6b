import { OrderDocuments, ordersDomain } from '../../../examples/orders';
import { OrderSearch } from '../../../examples/orders/order-search';
import { configFromEnv } from '../../../src/infrastructure/config';
import { createEventfoldContainer } from '../../../src/infrastructure/container/create-container';
import { defineEventfoldApp } from '../../../src/infrastructure/container/eventfold-app';
import { ProjectionTokens } from '../../../src/infrastructure/container/projection-bindings';
import { SqlTokens } from '../../../src/infrastructure/container/sql-bindings';
import { resolve } from '../../../src/infrastructure/container/tokens';
import { DataApiSqlClient } from '../../../src/infrastructure/rds-data/data-api-sql-client';
import { dataApiSqlBindings } from '../../../src/infrastructure/sql/data-api-bindings';
import { LazySqlClient } from '../../../src/infrastructure/sql/lazy-sql-client';
import { SqlReadModelStore } from '../../../src/projections/sql/sql-read-model-store';

const arns = {
  EVENTFOLD_SQL_CLUSTER_ARN: 'arn:aws:rds:us-east-1:123456789012:cluster:rm',
  EVENTFOLD_SQL_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:rm-AbCdEf',
};

describe('SQL read models in the container', () => {
  it('routes a SQL projection to the SQL store, a document projection to DynamoDB, and opens nothing yet', () => {
    const app = defineEventfoldApp({ domain: ordersDomain, projections: [OrderDocuments, OrderSearch] });
    const container = createEventfoldContainer({ app, config: configFromEnv({}) });
    expect(resolve(container, ProjectionTokens.readModels).commitJoint).toBeDefined();
    expect(resolve(container, SqlTokens.store)).toBeInstanceOf(SqlReadModelStore);
    expect(resolve(container, SqlTokens.store).projections()).toEqual(['order-search']);
    expect(resolve(container, SqlTokens.client)).toBeInstanceOf(LazySqlClient);
  });

  it('refuses to open a database none is configured for, naming the variable', async () => {
    const app = defineEventfoldApp({ domain: ordersDomain, projections: [OrderSearch] });
    const container = createEventfoldContainer({ app, config: configFromEnv({}) });
    await expect(resolve(container, SqlTokens.client).query({ text: 'SELECT 1' })).rejects.toMatchObject({
      code: 'CONFIGURATION_INVALID',
      context: { field: 'EVENTFOLD_SQL_URL' },
    });
  });

  it('takes the Data API client an app binds (dataApiSqlBindings), from the ARNs in the environment', () => {
    const app = defineEventfoldApp({
      domain: ordersDomain,
      projections: [OrderSearch],
      bindings: [dataApiSqlBindings(arns)],
    });
    const container = createEventfoldContainer({ app, config: configFromEnv({}) });
    expect(resolve(container, SqlTokens.client)).toBeInstanceOf(DataApiSqlClient);
    const bare = defineEventfoldApp({ domain: ordersDomain, bindings: [dataApiSqlBindings({})] });
    expect(() =>
      resolve(createEventfoldContainer({ app: bare, config: configFromEnv({}) }), SqlTokens.client),
    ).toThrow(/EVENTFOLD_SQL_CLUSTER_ARN/);
  });
});
