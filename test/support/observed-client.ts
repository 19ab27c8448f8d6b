import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoDbClient } from '../../src/infrastructure/aws/clients';

/** A command a client sent: its name and its input. */
export interface SentCommand {
  readonly name: string;
  readonly input: Record<string, unknown>;
}

/**
 * A client to the suite's DynamoDB Local that records the name and the input of every command it sends, except
 * those to the control table (the time bucket registry's markers).
 */
export function observedClient(
  endpoints: { region: string; dynamodb?: string },
  controlTable: string,
): { client: DynamoDBClient; requests: SentCommand[] } {
  const client = createDynamoDbClient(endpoints);
  const requests: SentCommand[] = [];
  client.middlewareStack.add(
    (next, context) => (args) => {
      const input = args.input as Record<string, unknown>;
      if (input.TableName !== controlTable) requests.push({ name: String(context.commandName), input });
      return next(args);
    },
    { step: 'initialize' },
  );
  return { client, requests };
}

/** The names of the recorded commands. */
export function commandNames(requests: readonly SentCommand[]): string[] {
  return requests.map((request) => request.name);
}

/** The names of the write commands among the recorded ones. */
export function eventWrites(requests: readonly SentCommand[]): string[] {
  return commandNames(requests).filter((name) => /Put|Transact/.test(name));
}
