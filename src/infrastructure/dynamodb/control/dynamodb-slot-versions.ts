import { BatchGetItemCommand, type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { SlotVersions } from '../../../application/rebuild/rebuild-ports';
import type { ReadModelTarget } from '../../../projections/read-model-store';
import { ReadModelTableKeys } from '../tables/read-model-table';
import type { TableOf } from '../read-models/dynamodb-read-model-store';
import { values } from './control-items';

/**
 * Reads the version gates of a projection slot from its read-model table (the items `sk = '#gate'`): all of them
 * with a strongly consistent scan that returns only stream id and version, or some with consistent batch reads.
 */
export class DynamoDbSlotVersions implements SlotVersions {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableOf: TableOf,
  ) {}

  async versions(target: ReadModelTarget): Promise<ReadonlyMap<string, number>> {
    const versions = new Map<string, number>();
    let start: Record<string, any> | undefined;
    do {
      const page = await this.client.send(
        new ScanCommand({
          TableName: this.tableOf(target),
          ConsistentRead: true,
          ExclusiveStartKey: start,
          ProjectionExpression: 'pk, #version',
          FilterExpression: 'sk = :gate',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: values({ ':gate': ReadModelTableKeys.gateSortKey }),
        }),
      );
      for (const raw of page.Items ?? []) {
        const item = unmarshall(raw);
        versions.set(String(item.pk), Number(item.version ?? 0));
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return versions;
  }

  async versionsOf(
    target: ReadModelTarget,
    streamIds: readonly string[],
  ): Promise<ReadonlyMap<string, number>> {
    const versions = new Map<string, number>();
    const tableName = this.tableOf(target);
    for (let i = 0; i < streamIds.length; i += 100) {
      let keys = streamIds
        .slice(i, i + 100)
        .map((pk) => marshall({ pk, sk: ReadModelTableKeys.gateSortKey }));
      while (keys.length > 0) {
        const out = await this.client.send(
          new BatchGetItemCommand({
            RequestItems: {
              [tableName]: {
                Keys: keys,
                ConsistentRead: true,
                ProjectionExpression: 'pk, #version',
                ExpressionAttributeNames: { '#version': 'version' },
              },
            },
          }),
        );
        for (const raw of out.Responses?.[tableName] ?? []) {
          const item = unmarshall(raw);
          versions.set(String(item.pk), Number(item.version ?? 0));
        }
        keys = (out.UnprocessedKeys?.[tableName]?.Keys as typeof keys | undefined) ?? [];
      }
    }
    return versions;
  }
}
