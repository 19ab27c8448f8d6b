import { ensureTable, eventsTableDefinition } from '../src/infrastructure/dynamodb/tables';
import { createDynamoDbClient } from '../src/infrastructure/aws/clients';
import { startDynamoDbLocal } from '../src/infrastructure/local/dynamodb-local';
import { benchAppend } from './append-bench';
import type { BenchRow } from './lib/report';
import { processCpuMs } from './lib/process-cpu';
import { rawSdkSubject } from './subjects/raw-sdk-subject';

const POSITIONS = ['1st', '2nd', '3rd', '4th'] as const;

/**
 * Why the append subjects each get a DynamoDB Local of their own: on ONE instance, four tables of the same
 * definition, created one after the other, receive the same single-event writes (the raw SDK subject, rounds
 * interleaved). If the instance treated tables alike, their throughput and CPU per event would match.
 */
export async function benchTableOrder(rounds: number, log: (line: string) => void): Promise<BenchRow[]> {
  const local = await startDynamoDbLocal();
  const client = createDynamoDbClient({ region: 'us-east-1', dynamodb: local.endpoint });
  try {
    const subjects = [];
    for (const position of POSITIONS) {
      const table = `order-${position}`;
      await ensureTable(client, eventsTableDefinition(table));
      const subject = rawSdkSubject(client, table);
      subjects.push({
        ...subject,
        name: `table created ${position}`,
        serverCpuMs: () => processCpuMs(local.pid),
      });
    }
    const workload = {
      name: 'same table, by creation order',
      eventsPerCommit: 1,
      inFlight: 32,
      commitsPerWriter: 25,
    };
    const rows = await benchAppend(
      subjects,
      workload,
      { measured: rounds, warmUp: 1 },
      log,
      'table created 1st',
    );
    return rows.map((row) => ({ ...row, suite: 'table-order' }));
  } finally {
    client.destroy();
    await local.stop();
  }
}
