import { Duration, aws_kinesis as kinesis } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { ResourceNames } from './resource-names';

/** Shard counts of the two Kinesis streams. */
export interface StreamShardCounts {
  readonly projectionStreamShards: number;
  readonly replayStreamShards: number;
}

/** The Kinesis streams of a deployment. */
export interface EventfoldStreams {
  /** Live events, from the forwarder to the projection consumers. */
  readonly projection: kinesis.Stream;
  /** Replayed events, from the replay iterator to the projection consumers; separate so consumers tell them apart. */
  readonly replay: kinesis.Stream;
}

function stream(scope: Construct, id: string, streamName: string, shardCount: number): kinesis.Stream {
  return new kinesis.Stream(scope, id, {
    streamName,
    shardCount,
    streamMode: kinesis.StreamMode.PROVISIONED,
    encryption: kinesis.StreamEncryption.MANAGED,
    retentionPeriod: Duration.hours(24),
  });
}

/** Creates the projection and replay streams, encrypted with the AWS-managed key. */
export function createStreams(
  scope: Construct,
  names: ResourceNames,
  shards: StreamShardCounts,
): EventfoldStreams {
  return {
    projection: stream(scope, 'ProjectionStream', names.projectionStream, shards.projectionStreamShards),
    replay: stream(scope, 'ReplayStream', names.replayStream, shards.replayStreamShards),
  };
}

/**
 * The enhanced fan-out consumer of a consuming function on a stream: its own 2 MB/s per shard, pushed. The
 * projection consumer has one on each stream (`live`, `replay`), the process consumer one on the projection stream.
 */
export function fanOutConsumer(
  scope: Construct,
  source: kinesis.Stream,
  role: 'live' | 'replay' | 'processes',
): kinesis.StreamConsumer {
  return new kinesis.StreamConsumer(scope, `FanOut-${role}`, {
    stream: source,
    streamConsumerName: role === 'processes' ? 'processes-live' : `projections-${role}`,
  });
}
