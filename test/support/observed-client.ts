import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoDbClient } from '../../src/infrastructure/aws/clients';

/**
 * A client to the suite's DynamoDB Local that records the name of every command it sends, except those to
 * the control table (the time bucket registry's markers).
 */
export function observedClient(
  endpoints: { region: string; dynamodb?: string },
  controlTable: string,
): { client: DynamoDBClient; sent: string[] } {
  const client = createDynamoDbClient(endpoints);
  const sent: string[] = [];
  client.middlewareStack.add(
    (next, context) => (args) => {
      const table = (args.input as { TableName?: string }).TableName;
      if (table !== controlTable) sent.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize' },
  );
  return { client, sent };
}

/** The write commands among the recorded ones. */
export function eventWrites(sent: readonly string[]): string[] {
  return sent.filter((name) => /Put|Transact/.test(name));
}
