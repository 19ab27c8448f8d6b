import { PgliteSqlClient } from '../../../src/infrastructure/sql/pglite-sql-client';
import { sqlReadModelContract } from '../../../src/testing/sql-read-model-contract';

jest.setTimeout(60_000);

sqlReadModelContract('PGlite in memory', () => PgliteSqlClient.open());
