import { type DynamoDBClient, GetItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { DocumentView } from '../../../projections/document-projection';
import type { ReadModelDump, ReadModelReader, ReadModelTarget } from '../../../projections/read-model-store';
import type { Row } from '../../../projections/row-changes';
import type { RowPage, RowQuery } from '../../../projections/row-query';
import { ReadModelTableKeys } from '../tables/read-model-table';
import type { TableOf } from './dynamodb-read-model-store';
import { scanRowPage } from './row-pages';

function rowOf(item: Record<string, unknown>): Row {
  const { pk: _pk, sk: _sk, ...fields } = item;
  return fields as Row;
}

/**
 * Reads read models back from DynamoDB: a stream's document, a row by key, or a whole table.
 * @example
 * const view = await reader.document({ projection: 'order-documents', slot: pointer.active }, 'Order#42');
 */
export class DynamoDbReadModelReader implements ReadModelReader {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableOf: TableOf,
  ) {}

  async document(target: ReadModelTarget, streamId: string): Promise<DocumentView | undefined> {
    const item = await this.get(target, streamId, ReadModelTableKeys.gateSortKey);
    return item?.doc as DocumentView | undefined;
  }

  async row(target: ReadModelTarget, key: string): Promise<Row | undefined> {
    const item = await this.get(target, key, ReadModelTableKeys.rowSortKey);
    return item ? rowOf(item) : undefined;
  }

  rows(target: ReadModelTarget, query: RowQuery): Promise<RowPage> {
    return scanRowPage(this.client, this.tableOf(target), query);
  }

  async dump(target: ReadModelTarget): Promise<ReadModelDump> {
    const documents: Record<string, DocumentView> = {};
    const rows: Record<string, Row> = {};
    const versions: Record<string, number> = {};
    let start: Record<string, any> | undefined;
    do {
      const page = await this.client.send(
        new ScanCommand({ TableName: this.tableOf(target), ExclusiveStartKey: start, ConsistentRead: true }),
      );
      for (const raw of page.Items ?? []) {
        const item = unmarshall(raw);
        const key = item.pk as string;
        if (item.sk === ReadModelTableKeys.rowSortKey) rows[key] = rowOf(item);
        if (item.sk !== ReadModelTableKeys.gateSortKey) continue;
        versions[key] = Number(item.version);
        if (item.doc) documents[key] = item.doc as DocumentView;
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return { documents, rows, versions };
  }

  private async get(target: ReadModelTarget, pk: string, sk: string) {
    const { Item } = await this.client.send(
      new GetItemCommand({
        TableName: this.tableOf(target),
        Key: marshall({ pk, sk }),
        ConsistentRead: true,
      }),
    );
    return Item ? unmarshall(Item) : undefined;
  }
}
