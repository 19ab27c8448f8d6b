import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
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
import { castoreSubject } from './subjects/castore-subject';
import { eventfoldSubject } from './subjects/eventfold-subject';
import { rawCastoreShapeSubject } from './subjects/raw-castore-shape-subject';
import { rawSdkSubject } from './subjects/raw-sdk-subject';

/** Creates a subject's tables on its DynamoDB Local and returns the subject. */
type SubjectSetup = (client: DynamoDBClient, endpoint: string) => Promise<AppendSubject>;

const eventfold =
  (vouched: boolean): SubjectSetup =>
  async (client, endpoint) => {
    const config = { ...configFromEnv({}), endpoints: { region: 'us-east-1', dynamodb: endpoint } };
    await ensureEventStoreTables(client, config);
    return eventfoldSubject(new DynamoDbEventStore(client, { ...config, timeIndexShards: 8 }), { vouched });
  };

const castoreOn =
  (stream: boolean, name?: string): SubjectSetup =>
  async (client) => {
    await ensureTable(client, castoreTableDefinition('bench-castore', stream));
    return castoreSubject(client, 'bench-castore', name);
  };

/** The append subjects, in the order of the report. */
const SETUPS: readonly SubjectSetup[] = [
  eventfold(true),
  async (client) => {
    await ensureTable(client, eventsTableDefinition('bench-raw'));
    return rawSdkSubject(client, 'bench-raw');
  },
  castoreOn(true),
  async (client) => {
    await ensureTable(client, castoreTableDefinition('bench-raw-castore'));
    return rawCastoreShapeSubject(client, 'bench-raw-castore');
  },
  eventfold(false),
  castoreOn(false, 'castore (table without a stream)'),
];

/**
 * Runs `work` with every append subject on a DynamoDB Local of its own (same jar, same flags, its tables the
 * only ones), all stopped afterwards. One shared instance would rank the subjects by the order their tables
 * were created in: DynamoDB Local's cost per write grows with the number of tables created before the one
 * written to (see BENCHMARKS.md).
 */
export async function withAppendSubjects<T>(work: (subjects: AppendSubject[]) => Promise<T>): Promise<T> {
  const instances = await Promise.all(SETUPS.map(() => startDynamoDbLocal()));
  const clients = instances.map((local) =>
    createDynamoDbClient({ region: 'us-east-1', dynamodb: local.endpoint }),
  );
  try {
    const subjects = await Promise.all(
      SETUPS.map(async (setup, i) => {
        const subject = await setup(clients[i]!, instances[i]!.endpoint);
        return { ...subject, serverCpuMs: () => processCpuMs(instances[i]!.pid) };
      }),
    );
    return await work(subjects);
  } finally {
    clients.forEach((client) => client.destroy());
    await Promise.all(instances.map((local) => local.stop()));
  }
}
