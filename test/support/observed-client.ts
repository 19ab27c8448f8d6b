import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoDbClient } from '../../src/infrastructure/aws/clients';

/** A command a client sent: its name and its input. */
export interface SentCommand {
  readonly name: string;
  readonly input: Record<string, unknown>;
}

/**
 * A client to the suite's DynamoDB Local that records the name (`sent`) and the input (`requests`) of every
 * command it sends, except those to the control table (the time bucket registry's markers).
 */
export function observedClient(
  endpoints: { region: string; dynamodb?: string },
  controlTable: string,
): { client: DynamoDBClient; sent: string[]; requests: SentCommand[] } {
  const client = createDynamoDbClient(endpoints);
  const sent: string[] = [];
  const requests: SentCommand[] = [];
  client.middlewareStack.add(
    (next, context) => (args) => {
      const input = args.input as Record<string, unknown>;
      if (input.TableName !== controlTable) {
        sent.push(String(context.commandName));
        requests.push({ name: String(context.commandName), input });
      }
      return next(args);
    },
    { step: 'initialize' },
  );
  return { client, sent, requests };
}

/** The write commands among the recorded ones. */
export function eventWrites(sent: readonly string[]): string[] {
  return sent.filter((name) => /Put|Transact/.test(name));
}
