import { BatchWriteItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SlotClearIncompleteError } from './slot-clear-errors';

/** The most requests one `BatchWriteItem` call takes. */
export const BATCH_WRITE_LIMIT = 25;

/** How deletes the service returned as unprocessed are retried. */
export interface BatchRetry {
  /** Calls per chunk, the first included, before `SlotClearIncompleteError`. */
  readonly maxAttempts: number;
  /** Delay before the first retry; doubled on each further one (half jitter), capped at 64 times this. */
  readonly baseDelayMs: number;
}

type Key = Record<string, AttributeValue>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The delay before retry `attempt` (1 = the first retry): between half and all of `baseDelayMs * 2^(attempt-1)`,
 * the exponent capped at 6. `random` is in [0, 1).
 */
export function backoffMs(retry: BatchRetry, attempt: number, random = Math.random()): number {
  const ceiling = retry.baseDelayMs * 2 ** Math.min(attempt - 1, 6);
  return Math.round(ceiling / 2 + (random * ceiling) / 2);
}

/** Deletes up to 25 keys with one `BatchWriteItem`, retrying the unprocessed ones with exponential backoff. */
async function deleteChunk(client: DynamoDBClient, tableName: string, keys: Key[], retry: BatchRetry) {
  let pending = keys.map((Key) => ({ DeleteRequest: { Key } }));
  for (let attempt = 1; ; attempt++) {
    const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }));
    const unprocessed = out.UnprocessedItems?.[tableName] ?? [];
    if (unprocessed.length === 0) return;
    if (attempt >= retry.maxAttempts)
      throw new SlotClearIncompleteError(
        tableName,
        unprocessed.length,
        `deletes still unprocessed after ${attempt} BatchWriteItem attempts`,
      );
    pending = unprocessed.map((r) => ({ DeleteRequest: { Key: r.DeleteRequest?.Key as Key } }));
    await sleep(backoffMs(retry, attempt));
  }
}

/** Deletes the items with these keys, 25 per `BatchWriteItem`, one chunk after the other. */
export async function deleteKeys(
  client: DynamoDBClient,
  tableName: string,
  keys: readonly Key[],
  retry: BatchRetry,
): Promise<void> {
  for (let i = 0; i < keys.length; i += BATCH_WRITE_LIMIT)
    await deleteChunk(client, tableName, keys.slice(i, i + BATCH_WRITE_LIMIT), retry);
}
