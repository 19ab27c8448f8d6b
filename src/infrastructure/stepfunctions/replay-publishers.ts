import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { ReplayStatus } from '../../application/replay/replay-status';
import type { EventPublisher } from '../../domain/ports';
import { KinesisPublisher } from '../kinesis/kinesis-publisher';
import type { ReplayTag } from '../kinesis/record-envelope';

/** The tag a replay's records carry: its id, and the projection and slot it fills during a rebuild. */
export function replayTagOf(status: ReplayStatus): ReplayTag {
  const { target } = status;
  return target
    ? { replayId: status.replayId, projection: target.projection, slot: target.slot }
    : { replayId: status.replayId };
}

/**
 * Publishers onto the replay stream, one per replay, tagging every record with the replay (see `replayTagOf`).
 * @example
 * const deps = { events, statuses, publisherFor: replayStreamPublishers(kinesis, config.replayStream) };
 */
export function replayStreamPublishers(
  client: KinesisClient,
  replayStream: string,
): (status: ReplayStatus) => EventPublisher {
  return (status) => new KinesisPublisher(client, replayStream, { replay: replayTagOf(status) });
}
