import { type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { SlotVersions } from '../../../application/rebuild/rebuild-ports';
import type { ReadModelTarget } from '../../../projections/read-model-store';
import { ReadModelTableKeys } from '../tables/read-model-table';
import type { TableOf } from '../read-models/dynamodb-read-model-store';
import { values } from './control-items';

/**
 * Reads the version gates of a projection slot from its read-model table (the items `sk = '#gate'`), with a
 * strongly consistent scan that returns only the stream id and version of each gate.
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
}
