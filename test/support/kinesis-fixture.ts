import {
  CreateStreamCommand,
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type KinesisClient,
  ListShardsCommand,
  PutRecordsCommand,
  type PutRecordsCommandOutput,
  type _Record,
} from '@aws-sdk/client-kinesis';
import { waitFor } from '../../src/infrastructure/local/free-port';

/** Creates a stream and waits until it is ACTIVE. */
export async function createStream(client: KinesisClient, name: string, shards: number): Promise<void> {
  await client.send(new CreateStreamCommand({ StreamName: name, ShardCount: shards }));
  await waitFor(
    async () => {
      const d = await client.send(new DescribeStreamCommand({ StreamName: name }));
      return d.StreamDescription?.StreamStatus === 'ACTIVE';
    },
    `stream ${name} active`,
    10_000,
  );
}

/** A record read back from a shard. */
export interface ShardRecord {
  readonly shardId: string;
  readonly record: _Record;
}

/** Reads every record of every shard from the start, shard by shard. */
export async function readAllShards(client: KinesisClient, name: string): Promise<Map<string, _Record[]>> {
  const shards = await client.send(new ListShardsCommand({ StreamName: name }));
  const result = new Map<string, _Record[]>();
  for (const shard of shards.Shards ?? []) {
    const shardId = shard.ShardId as string;
    const it = await client.send(
      new GetShardIteratorCommand({ StreamName: name, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    let iterator = it.ShardIterator;
    const records: _Record[] = [];
    for (;;) {
      const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10_000 }));
      records.push(...(page.Records ?? []));
      iterator = page.NextShardIterator;
      if ((page.Records ?? []).length === 0 || !iterator) break;
    }
    result.set(shardId, records);
  }
  return result;
}

/** Counts of what a fault injector did. */
export interface FaultStats {
  calls: number;
  entriesSent: number;
  entriesFailed: number;
  callsFailedWhole: number;
}

/**
 * Wraps a REAL Kinesis client so that `PutRecords` fails a random subset of entries the way Kinesis does
 * (a `ProvisionedThroughputExceededException` result for the entry, nothing written) and sometimes the whole
 * call; the other entries go to the real stream. Everything else passes through untouched.
 */
export function injectPutRecordsFaults(
  client: KinesisClient,
  random: () => number,
  options: { entryFailureRate: number; callFailureRate?: number },
): FaultStats {
  const stats: FaultStats = { calls: 0, entriesSent: 0, entriesFailed: 0, callsFailedWhole: 0 };
  const realSend = client.send.bind(client) as (command: unknown) => Promise<unknown>;
  const faulty = async (command: unknown): Promise<unknown> => {
    if (!(command instanceof PutRecordsCommand)) return realSend(command);
    stats.calls += 1;
    const entries = command.input.Records ?? [];
    if (random() < (options.callFailureRate ?? 0)) {
      stats.callsFailedWhole += 1;
      stats.entriesFailed += entries.length;
      throw Object.assign(new Error('Rate exceeded for stream (injected)'), {
        name: 'ProvisionedThroughputExceededException',
      });
    }
    const fail = entries.map(() => random() < options.entryFailureRate);
    const passing = entries.filter((_, i) => !fail[i]);
    const real = passing.length
      ? ((await realSend(
          new PutRecordsCommand({ ...command.input, Records: passing }),
        )) as PutRecordsCommandOutput)
      : { Records: [], FailedRecordCount: 0, $metadata: {} };
    const realResults = [...(real.Records ?? [])];
    stats.entriesSent += passing.length;
    stats.entriesFailed += entries.length - passing.length;
    const merged = fail.map((failed) =>
      failed
        ? { ErrorCode: 'ProvisionedThroughputExceededException', ErrorMessage: 'Rate exceeded (injected)' }
        : realResults.shift(),
    );
    return { ...real, Records: merged, FailedRecordCount: merged.filter((r) => r?.ErrorCode).length };
  };
  (client as unknown as { send: typeof faulty }).send = faulty;
  return stats;
}
