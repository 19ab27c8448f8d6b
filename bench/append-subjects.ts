import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { clientConfig } from '../src/infrastructure/aws/aws-config';
import { createDynamoDbClient } from '../src/infrastructure/aws/clients';
import { configFromEnv } from '../src/infrastructure/config';
import { DynamoDbEventStore } from '../src/infrastructure/dynamodb/event-store';
import {
  ensureEventStoreTables,
  ensureTable,
  eventsTableDefinition,
} from '../src/infrastructure/dynamodb/tables';
import { startDynamoDbLocal } from '../src/infrastructure/local/dynamodb-local';
import { castoreTableDefinition } from './append-bench';
import { processCpuMs } from './lib/process-cpu';
import type { AppendSubject } from './subjects/append-subject';
import { type CastoreContent, castoreSubject } from './subjects/castore-subject';
import { eventfoldSubject } from './subjects/eventfold-subject';
import { rawCastoreShapeSubject } from './subjects/raw-castore-shape-subject';
import { BENCH_TIME_INDEX_SHARDS, RAW_SDK_TWIN, rawSdkSubject } from './subjects/raw-sdk-subject';

/**
 * The DynamoDB client a subject is handed. `eventfold`: the one eventfold's container builds
 * (`createDynamoDbClient`, without the SDK's request logging). `sdk default`: `new DynamoDBClient(...)` with only
 * the endpoint, region, credentials and retry count set, as castore's README has its users build the client they
 * pass to the adapter.
 */
type ClientKind = 'eventfold' | 'sdk default';

/** A subject: the client it is handed, and how its tables are created on its DynamoDB Local. */
interface SubjectSetup {
  readonly client: ClientKind;
  readonly setUp: (client: DynamoDBClient, endpoint: string) => Promise<AppendSubject>;
}

const eventfold = (vouched: boolean): SubjectSetup => ({
  client: 'eventfold',
  async setUp(client, endpoint) {
    const config = { ...configFromEnv({}), endpoints: { region: 'us-east-1', dynamodb: endpoint } };
    await ensureEventStoreTables(client, config);
    return eventfoldSubject(
      new DynamoDbEventStore(client, { ...config, timeIndexShards: BENCH_TIME_INDEX_SHARDS }),
      { vouched },
    );
  },
});

const castoreOn = (
  client: ClientKind,
  stream: boolean,
  name?: string,
  content?: CastoreContent,
): SubjectSetup => ({
  client,
  async setUp(dynamodb) {
    await ensureTable(dynamodb, castoreTableDefinition('bench-castore', stream));
    return castoreSubject(dynamodb, 'bench-castore', name, content);
  },
});

const rawSdk = (name?: string): SubjectSetup => ({
  client: 'eventfold',
  async setUp(client) {
    await ensureTable(client, eventsTableDefinition('bench-raw'));
    return rawSdkSubject(client, 'bench-raw', name);
  },
});

/** The append subjects, in the order of the report. */
const SETUPS: readonly SubjectSetup[] = [
  eventfold(true),
  rawSdk(),
  rawSdk(RAW_SDK_TWIN),
  castoreOn('sdk default', true),
  castoreOn('eventfold', true, "castore (eventfold's client)"),
  {
    client: 'eventfold',
    async setUp(client) {
      await ensureTable(client, castoreTableDefinition('bench-raw-castore'));
      return rawCastoreShapeSubject(client, 'bench-raw-castore');
    },
  },
  eventfold(false),
  castoreOn('sdk default', false, 'castore (table without a stream)'),
  castoreOn('sdk default', true, "castore (storing eventfold's ids)", { eventfoldIds: true }),
];

/** A client of the given kind for one subject's DynamoDB Local. */
function clientFor(kind: ClientKind, endpoint: string): DynamoDBClient {
  const region = 'us-east-1';
  return kind === 'eventfold'
    ? createDynamoDbClient({ region, dynamodb: endpoint })
    : new DynamoDBClient(clientConfig({ region }, endpoint));
}

/**
 * Runs `work` with every append subject on a DynamoDB Local of its own (same jar, same flags, its tables the
 * only ones), all stopped afterwards. One shared instance would rank the subjects by the order their tables
 * were created in: DynamoDB Local's cost per write grows with the number of tables created before the one
 * written to (see BENCHMARKS.md).
 */
export async function withAppendSubjects<T>(work: (subjects: AppendSubject[]) => Promise<T>): Promise<T> {
  const instances = await Promise.all(SETUPS.map(() => startDynamoDbLocal()));
  const clients = SETUPS.map((setup, i) => clientFor(setup.client, instances[i]!.endpoint));
  try {
    const subjects = await Promise.all(
      SETUPS.map(async (setup, i) => {
        const subject = await setup.setUp(clients[i]!, instances[i]!.endpoint);
        return { ...subject, serverCpuMs: () => processCpuMs(instances[i]!.pid) };
      }),
    );
    return await work(subjects);
  } finally {
    clients.forEach((client) => client.destroy());
    await Promise.all(instances.map((local) => local.stop()));
  }
}
