import { type DynamoDBClient, ListTablesCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { libraryDomain } from '../../../examples/library';
import { PersonalDataCodec, type StoredEvent } from '../../../src';
import { PersonalTokens } from '../../../src/infrastructure/container/personal-tokens';
import { DynamoDbSubjectKeys } from '../../../src/infrastructure/keys';
import { CoreTokens } from '../../../src/infrastructure/container/core-bindings';
import { resolve } from '../../../src/infrastructure/container/tokens';
import { WriteTokens } from '../../../src/infrastructure/container/write-bindings';
import type { LocalTestApp } from '../../../src/infrastructure/local/runtime/local-app';

/** What a scan of one place found: how many items it read, and their JSON. */
export interface Place {
  readonly name: string;
  readonly items: number;
  readonly text: string;
}

/** Every item of a table, page after page. */
export async function scanAll(client: DynamoDBClient, table: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, any> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

async function scanTable(app: LocalTestApp, table: string): Promise<Place> {
  const items = await scanAll(resolve(app.runtime.container, CoreTokens.dynamodb), table);
  return { name: table, items: items.length, text: JSON.stringify(items) };
}

/** Every table of DynamoDB Local: events, snapshots, control, keys, and both slots of every read model. */
export async function scanEveryTable(app: LocalTestApp): Promise<Place[]> {
  const client = resolve(app.runtime.container, CoreTokens.dynamodb);
  const names: string[] = [];
  let start: string | undefined;
  do {
    const page = await client.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
    names.push(...(page.TableNames ?? []));
    start = page.LastEvaluatedTableName;
  } while (start);
  return Promise.all(names.map((name) => scanTable(app, name)));
}

/** The messages waiting in the dead-letter queue, looked at without hiding them from a redrive. */
export async function scanDeadLetters(app: LocalTestApp): Promise<Place> {
  const url = app.runtime.config.deadLetterQueueUrl;
  if (!url) return { name: 'dead letters', items: 0, text: '' };
  const sqs = resolve(app.runtime.container, CoreTokens.sqs);
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }),
  );
  return { name: 'dead letters', items: Messages.length, text: JSON.stringify(Messages) };
}

/** The stored events of the given streams, as stored (sealed), in version order. */
export async function storedEvents(app: LocalTestApp, streamIds: readonly string[]): Promise<StoredEvent[]> {
  const store = resolve(app.runtime.container, WriteTokens.eventStore);
  const events: StoredEvent[] = [];
  for (const streamId of streamIds) for await (const event of store.readStream(streamId)) events.push(event);
  return events;
}

/** The texts among `texts` that `place` holds, named by place. */
export const foundIn = (places: readonly Place[], texts: Iterable<string>): string[] =>
  [...texts].flatMap((t) => places.filter((p) => p.text.includes(t)).map((p) => `${p.name}: ${t}`));

/** A codec over the keys table without the container's cache: what a reader in a new function container sees. */
export function freshCodec(app: LocalTestApp): PersonalDataCodec {
  const { container, config } = app.runtime;
  const table = config.keysTable ?? 'eventfold-keys';
  const wrapper = resolve(container, PersonalTokens.keyWrapper);
  const keys = new DynamoDbSubjectKeys(resolve(container, CoreTokens.dynamodb), table, wrapper);
  return new PersonalDataCodec(libraryDomain.personal, keys);
}
