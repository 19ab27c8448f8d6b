import {
  CreateStreamCommand,
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  PutRecordsCommand,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKinesisClient } from '../../../src/infrastructure/aws/clients';
import { startKinesalite } from '../../../src/infrastructure/local/kinesalite-server';

/*
 * Run as a child process by `kinesalite-stop.int.test.ts`: starts kinesalite on a data folder (leveldown), keeps
 * 16 writers and readers busy, stops it while their requests are under way, and does that `rounds` times. A
 * process that survives prints "survived <rounds> stops"; the crash this guards against ends it with a signal.
 */

const WORKERS = 16;

async function firstIterator(client: KinesisClient): Promise<string> {
  await client.send(new CreateStreamCommand({ StreamName: 'busy', ShardCount: 2 }));
  let shardId: string | undefined;
  while (!shardId) {
    const { StreamDescription } = await client.send(new DescribeStreamCommand({ StreamName: 'busy' }));
    if (StreamDescription?.StreamStatus === 'ACTIVE') shardId = StreamDescription.Shards?.[0]?.ShardId;
  }
  const iterator = await client.send(
    new GetShardIteratorCommand({ StreamName: 'busy', ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }),
  );
  return iterator.ShardIterator!;
}

async function busy(client: KinesisClient, iterator: string, running: () => boolean): Promise<void> {
  const Records = Array.from({ length: 20 }, (_, i) => ({
    Data: Buffer.alloc(200, i),
    PartitionKey: `p${i}`,
  }));
  while (running()) {
    try {
      await client.send(new PutRecordsCommand({ StreamName: 'busy', Records }));
      await client.send(new GetRecordsCommand({ ShardIterator: iterator }));
    } catch {
      // The emulator stopping under the request: expected.
    }
  }
}

async function stopUnderLoad(round: number): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'eventfold-kinesalite-stop-'));
  const kinesis = await startKinesalite({ dataDir });
  const client = createKinesisClient({ region: 'us-east-1', kinesis: kinesis.endpoint });
  let running = true;
  try {
    const iterator = await firstIterator(client);
    const workers = Array.from({ length: WORKERS }, () => busy(client, iterator, () => running));
    await new Promise((resolve) => setTimeout(resolve, 100 + ((round * 37) % 200)));
    await kinesis.stop();
    running = false;
    await Promise.all(workers);
  } finally {
    client.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 10);
  for (let round = 0; round < rounds; round += 1) await stopUnderLoad(round);
  process.stdout.write(`survived ${rounds} stops\n`);
}

void main();
