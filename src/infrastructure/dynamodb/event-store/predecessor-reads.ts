import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { PredecessorCheck } from './commit-plan';
import { getEventItem, type ReadCounter } from './stream-reader';

/** Where the predecessors are read, and the counter of the store's reads. */
export interface PredecessorSource {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  readonly counter: ReadCounter;
}

async function commitTimeAt(source: PredecessorSource, check: PredecessorCheck): Promise<string | undefined> {
  const request = { ...check, attributes: ['committedAt'] };
  const item = await getEventItem(source.client, source.tableName, request, source.counter);
  return item?.committedAt?.S;
}

/**
 * Reads, strongly consistent and in parallel, the events a plan would check for in its transaction, and
 * returns the commit time of each one found, by stream id. Events are never changed or deleted (guarantee 1),
 * so an event found now still exists when the commit is written: the append needs no check in the write. That
 * turns a checked single event into a read and a conditional `PutItem` instead of a two-item transaction (on
 * AWS 1 read unit instead of 2 write units for the check plus 1 more for the transactional put). A missing
 * event is left out; its check stays in the transaction, which then refuses the commit.
 */
export async function readPredecessors(
  source: PredecessorSource,
  checks: readonly PredecessorCheck[],
): Promise<Map<string, string>> {
  const times = await Promise.all(checks.map((check) => commitTimeAt(source, check)));
  const found = new Map<string, string>();
  checks.forEach((check, index) => {
    const time = times[index];
    if (time !== undefined) found.set(check.streamId, time);
  });
  return found;
}
