import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  PutItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { eventKey, EventsTableKeys } from '../tables/events-table';
import { type CommitPlan, isSinglePut } from './commit-plan';

/** Appending never overwrites: the item at a version must not exist yet. */
const NOT_STORED = 'attribute_not_exists(#version)';
/**
 * An append at expected version N > 0 needs event N to exist, so versions stay contiguous from 1, and to be
 * committed no later than this commit, so commit times never go backwards within a stream (writers' clocks
 * differ; see `DynamoDbEventStore.commit`).
 */
const STORED_BEFORE = 'attribute_exists(#version) AND #committedAt <= :committedAt';
const names = { '#version': EventsTableKeys.sortKey };

/** The write failed because of the stored state of these streams (a condition or a concurrent transaction). */
export class StreamConditionFailed extends Error {
  constructor(
    readonly streamIds: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(`condition failed on ${streamIds.join(', ')}`, options);
  }
}

function transactItems(
  plan: CommitPlan,
  tableName: string,
): { items: TransactWriteItem[]; streams: string[] } {
  const puts = plan.puts.map((put) => ({
    Put: {
      TableName: tableName,
      Item: put.item,
      ConditionExpression: NOT_STORED,
      ExpressionAttributeNames: names,
    },
  }));
  const checks = plan.checks.map((check) => ({
    ConditionCheck: {
      TableName: tableName,
      Key: eventKey(check.streamId, check.version),
      ConditionExpression: STORED_BEFORE,
      ExpressionAttributeNames: { ...names, '#committedAt': 'committedAt' },
      ExpressionAttributeValues: marshall({ ':committedAt': plan.committedAt }),
    },
  }));
  const streams = [...plan.puts.map((p) => p.streamId), ...plan.checks.map((c) => c.streamId)];
  return { items: [...puts, ...checks], streams };
}

const STATE_CONFLICTS = new Set(['ConditionalCheckFailed', 'TransactionConflict']);

/** The streams whose items a cancelled transaction names as failed on a condition or a concurrent transaction. */
function conflictingStreams(error: TransactionCanceledException, streams: readonly string[]): string[] {
  const reasons = error.CancellationReasons ?? [];
  const failed = reasons.flatMap((reason, index) =>
    STATE_CONFLICTS.has(reason.Code ?? '') ? [streams[index]] : [],
  );
  return [...new Set(failed.filter((s): s is string => s !== undefined))];
}

/**
 * Writes a planned commit: one conditional `PutItem` for a single event with no predecessor check (a stream's
 * first event, or one whose predecessor the store vouched for), otherwise one `TransactWriteItems` with every
 * event put and the plan's checks of expected versions. Throws
 * `StreamConditionFailed` naming the streams when the stored state refused the write; anything else is rethrown.
 */
export async function writeCommit(
  client: DynamoDBClient,
  tableName: string,
  plan: CommitPlan,
): Promise<void> {
  if (isSinglePut(plan)) {
    const put = plan.puts[0]!;
    try {
      await client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: put.item,
          ConditionExpression: NOT_STORED,
          ExpressionAttributeNames: names,
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        throw new StreamConditionFailed([put.streamId], { cause: error });
      throw error;
    }
    return;
  }
  const { items, streams } = transactItems(plan, tableName);
  try {
    await client.send(new TransactWriteItemsCommand({ TransactItems: items }));
  } catch (error) {
    const failed = error instanceof TransactionCanceledException ? conflictingStreams(error, streams) : [];
    if (failed.length > 0) throw new StreamConditionFailed(failed, { cause: error });
    throw error;
  }
}
