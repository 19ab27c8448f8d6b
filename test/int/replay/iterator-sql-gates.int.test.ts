import { readModelTableName } from '../../../src/infrastructure/config';
import {
  bindAppFree,
  REPLAY_ITERATOR_BINDERS,
} from '../../../src/infrastructure/container/app-free-containers';
import { RebuildTokens } from '../../../src/infrastructure/container/rebuild-bindings';
import { SingletonContainer } from '../../../src/infrastructure/container/singleton-container';
import { SqlTokens } from '../../../src/infrastructure/container/sql-bindings';
import { resolve } from '../../../src/infrastructure/container/tokens';
import { DynamoDbReadModelStore, tableOfConfig } from '../../../src/infrastructure/dynamodb/read-models';
import { ensureTable, readModelTableDefinition } from '../../../src/infrastructure/dynamodb/tables';
import { PgliteSqlClient } from '../../../src/infrastructure/sql/pglite-sql-client';
import { SqlReadModelStore } from '../../../src/projections/sql/sql-read-model-store';
import { sql } from '../../../src/projections/sql/sql-template';
import type { ReadModelStore } from '../../../src/projections/read-model-store';
import type { TableSlot } from '../../../src/projections/table-pointer';
import { startDynamoDbFixture, type DynamoDbFixture } from '../../support/dynamodb-fixture';

/**
 * The replay iterator's container as its Lambda function builds it (no app, no inversify), from an environment
 * naming one SQL projection, with PGlite bound where the Data API client goes on AWS. Its flip gate must read the
 * SQL projection's gates in their schemas and a DynamoDB projection's in their tables. Each projection is level
 * where its gates really are and behind in the other store, so a gate reading the wrong store finds streams to
 * republish (and, with no replay stream here, fails) instead of `{ republished: 0, lagging: 0 }`.
 */

const SQL_PROJECTION = 'concert-search';
const DYNAMO_PROJECTION = 'carts';
let ddb: DynamoDbFixture;
let pglite: PgliteSqlClient;

/**
 * The iterator function's container over the fixture's configuration and the function's environment with
 * `sqlProjections` (as the construct sets it), with PGlite bound as the SQL client before its binders run.
 */
function iteratorContainer(sqlProjections: string | undefined, onSqlClient: () => void = () => undefined) {
  const container = new SingletonContainer();
  container.bind(SqlTokens.client).toDynamicValue(() => {
    onSqlClient();
    return pglite;
  });
  const before = process.env.EVENTFOLD_SQL_PROJECTIONS;
  if (sqlProjections === undefined) delete process.env.EVENTFOLD_SQL_PROJECTIONS;
  else process.env.EVENTFOLD_SQL_PROJECTIONS = sqlProjections;
  try {
    const built = bindAppFree(container.asContainer(), { config: ddb.config }, REPLAY_ITERATOR_BINDERS);
    return resolve(built, RebuildTokens.gate);
  } finally {
    if (before === undefined) delete process.env.EVENTFOLD_SQL_PROJECTIONS;
    else process.env.EVENTFOLD_SQL_PROJECTIONS = before;
  }
}

/** Moves `streamId`'s gate in `slot` of `projection` to `version` (from 0). */
async function gateAt(
  store: ReadModelStore,
  projection: string,
  slot: TableSlot,
  streamId: string,
  version: number,
) {
  const step = { from: 0, to: version, change: { kind: 'none' as const } };
  expect(await store.commit({ projection, slot }, streamId, step)).toBe(true);
}

beforeAll(async () => {
  ddb = await startDynamoDbFixture({ tablePrefix: 'iterator-sql-' });
  pglite = await PgliteSqlClient.open();
  const migrations = [{ version: 1, up: sql`CREATE TABLE rows (id text PRIMARY KEY)` }];
  const sqlStore = new SqlReadModelStore(
    pglite,
    [SQL_PROJECTION, DYNAMO_PROJECTION].map((name) => ({ name, migrations })),
  );
  const dynamoStore = new DynamoDbReadModelStore(ddb.client, tableOfConfig(ddb.config));
  for (const projection of [SQL_PROJECTION, DYNAMO_PROJECTION]) {
    for (const slot of ['blue', 'green'] as const) {
      const table = readModelTableName(ddb.config, projection, slot);
      await ensureTable(ddb.client, readModelTableDefinition(table));
    }
  }
  // Where each projection's gates really are, blue and green are level ...
  for (const slot of ['blue', 'green'] as const) {
    await gateAt(sqlStore, SQL_PROJECTION, slot, 'Concert#1', 3);
    await gateAt(dynamoStore, DYNAMO_PROJECTION, slot, 'Cart#1', 2);
  }
  // ... and in the other store, blue is ahead of green.
  await gateAt(dynamoStore, SQL_PROJECTION, 'blue', 'Concert#9', 5);
  await gateAt(sqlStore, DYNAMO_PROJECTION, 'blue', 'Cart#9', 4);
}, 120_000);

afterAll(async () => {
  await pglite?.close();
  await ddb?.stop();
}, 30_000);

describe("the replay iterator function's flip gate, built from its environment", () => {
  it('reads the SQL projections EVENTFOLD_SQL_PROJECTIONS names in SQL, every other one in DynamoDB', async () => {
    const gate = iteratorContainer(`other-search,${SQL_PROJECTION}`);
    await expect(gate.catchUp(SQL_PROJECTION, 'green', 'blue')).resolves.toEqual({
      republished: 0,
      lagging: 0,
    });
    await expect(gate.catchUp(DYNAMO_PROJECTION, 'green', 'blue')).resolves.toEqual({
      republished: 0,
      lagging: 0,
    });
  }, 60_000);

  it('without SQL projections, reads DynamoDB only and never builds a SQL client', async () => {
    let built = 0;
    const gate = iteratorContainer(undefined, () => (built += 1));
    await expect(gate.catchUp(DYNAMO_PROJECTION, 'green', 'blue')).resolves.toEqual({
      republished: 0,
      lagging: 0,
    });
    expect(built).toBe(0);
  }, 60_000);
});
