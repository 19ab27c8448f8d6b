import {
  type DynamoDBClient,
  ProvisionedThroughputExceededException,
  ThrottlingException,
} from '@aws-sdk/client-dynamodb';

const WRITES = new Set([
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'TransactWriteItemsCommand',
  'BatchWriteItemCommand',
]);

/** What the throttling injector did. */
export interface ThrottleCounts {
  writeCalls: number;
  throttled: number;
}

function attemptOf(headers: Record<string, string> | undefined): { attempt: number; max: number } {
  const header = headers?.['amz-sdk-request'] ?? '';
  const attempt = Number(/attempt=(\d+)/.exec(header)?.[1] ?? 1);
  const max = Number(/max=(\d+)/.exec(header)?.[1] ?? 1);
  return { attempt, max };
}

/**
 * Adds a middleware to a REAL DynamoDB client that throttles a fraction of write calls before they are sent
 * (`ProvisionedThroughputExceededException` or `ThrottlingException`, as DynamoDB answers). It sits inside the
 * SDK's retry loop and never throttles a call's last attempt, so every write gets through on a retry.
 */
export function injectDynamoDbThrottling(
  client: DynamoDBClient,
  random: () => number,
  rate: number,
): ThrottleCounts {
  const counts: ThrottleCounts = { writeCalls: 0, throttled: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (!WRITES.has(context.commandName ?? '')) return next(args);
      const request = args.request as { headers?: Record<string, string> };
      const { attempt, max } = attemptOf(request.headers);
      if (attempt === 1) counts.writeCalls += 1;
      if (attempt < max && random() < rate) {
        counts.throttled += 1;
        const options = {
          message: 'Rate of requests exceeds the allowed throughput (injected)',
          $metadata: {},
        };
        throw random() < 0.5
          ? new ProvisionedThroughputExceededException(options)
          : new ThrottlingException(options);
      }
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: 'chaosDynamoDbThrottling' },
  );
  return counts;
}
