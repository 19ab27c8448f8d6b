import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { ReplayPublishers } from '../../application/replay/replay-step';
import type { ReplayTarget } from '../../application/replay/replay-status';
import { KinesisPublisher } from '../kinesis/kinesis-publisher';
import type { ReplayTag } from '../kinesis/record-envelope';

/** The tag a replay's records carry: its id, and the projection and slot it fills during a rebuild. */
export function replayTagOf(replayId: string, target?: ReplayTarget): ReplayTag {
  return target ? { replayId, projection: target.projection, slot: target.slot } : { replayId };
}

/**
 * Publishers onto the replay stream, one per replay, tagging every record with the replay (see `replayTagOf`).
 * @example
 * const deps = { events, statuses, publisherFor: replayStreamPublishers(kinesis, config.replayStream) };
 */
export function replayStreamPublishers(client: KinesisClient, replayStream: string): ReplayPublishers {
  return (replayId, target) =>
    new KinesisPublisher(client, replayStream, { replay: replayTagOf(replayId, target) });
}
