import type { DynamoDBClient, WriteRequest } from '@aws-sdk/client-dynamodb';

/** What the partial-batch injector did. */
export interface PartialBatchCounts {
  calls: number;
  /** Requests sent on to DynamoDB. */
  sent: number;
  /** Requests kept back and answered as unprocessed. */
  withheld: number;
}

/**
 * Makes a REAL DynamoDB client's `BatchWriteItem` calls come back partly unprocessed, as DynamoDB answers a
 * batch whose partitions are throttled: each request of a call is kept back with probability `rate` (drawn
 * from `random`) and returned in `UnprocessedItems`; the others go to the service and are written. Nothing
 * is invented: what comes back processed was processed by the service.
 */
export function injectPartialBatchWrites(
  client: DynamoDBClient,
  random: () => number,
  rate: number,
): PartialBatchCounts {
  const counts: PartialBatchCounts = { calls: 0, sent: 0, withheld: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'BatchWriteItemCommand') return next(args);
      counts.calls += 1;
      const input = args.input as { RequestItems: Record<string, WriteRequest[]> };
      const sent: Record<string, WriteRequest[]> = {};
      const withheld: Record<string, WriteRequest[]> = {};
      for (const [table, requests] of Object.entries(input.RequestItems)) {
        for (const request of requests) {
          const bucket = random() < rate ? withheld : sent;
          (bucket[table] ??= []).push(request);
        }
      }
      const count = (items: Record<string, WriteRequest[]>) =>
        Object.values(items).reduce((n, r) => n + r.length, 0);
      counts.sent += count(sent);
      counts.withheld += count(withheld);
      if (count(sent) === 0) return { output: { UnprocessedItems: withheld, $metadata: {} }, response: {} };
      const result = await next({ ...args, input: { ...input, RequestItems: sent } });
      const output = result.output as { UnprocessedItems?: Record<string, WriteRequest[]> };
      for (const [table, requests] of Object.entries(withheld))
        (output.UnprocessedItems ??= {})[table] = [...(output.UnprocessedItems[table] ?? []), ...requests];
      return result;
    },
    { step: 'initialize', name: 'partialBatchWrites' },
  );
  return counts;
}
