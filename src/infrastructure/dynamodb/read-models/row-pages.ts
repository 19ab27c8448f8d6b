import { type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { Row } from '../../../projections/row-changes';
import {
  cursorAfter,
  type KeyedRow,
  keyOfCursor,
  type RowPage,
  type RowQuery,
} from '../../../projections/row-query';
import { ReadModelTableKeys } from '../tables/read-model-table';

/** Items one Scan request reads at most while a page fills (the filter runs after the read). */
const SCAN_BATCH = 200;

function filterOf(prefix: string) {
  const values: Record<string, string> = { ':row': ReadModelTableKeys.rowSortKey };
  const names: Record<string, string> = { '#sk': ReadModelTableKeys.sortKey };
  let expression = '#sk = :row';
  if (prefix !== '') {
    values[':prefix'] = prefix;
    names['#pk'] = ReadModelTableKeys.partitionKey;
    expression += ' AND begins_with(#pk, :prefix)';
  }
  return {
    FilterExpression: expression,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: marshall(values),
  };
}

function keyedRow(raw: Record<string, any>): KeyedRow {
  const { pk, sk: _sk, ...fields } = unmarshall(raw);
  return { key: pk as string, row: fields as Row };
}

/**
 * One page of a row projection's rows by key prefix: a filtered, strongly consistent Scan that continues after the
 * cursor's row. Rows come in the table's scan order (not key order), and a prefix read costs a read of the whole
 * table over all its pages: it serves listings and exports, not a hot path (a single row is one GetItem).
 */
export async function scanRowPage(client: DynamoDBClient, table: string, query: RowQuery): Promise<RowPage> {
  const filter = filterOf(query.prefix ?? '');
  const rows: KeyedRow[] = [];
  let start: Record<string, any> | undefined =
    query.cursor === undefined
      ? undefined
      : marshall({ pk: keyOfCursor(query.cursor), sk: ReadModelTableKeys.rowSortKey });
  let more = true;
  while (more && rows.length < query.limit) {
    const page = await client.send(
      new ScanCommand({
        TableName: table,
        ConsistentRead: true,
        Limit: Math.max(SCAN_BATCH, query.limit),
        ExclusiveStartKey: start,
        ...filter,
      }),
    );
    rows.push(...(page.Items ?? []).map(keyedRow));
    start = page.LastEvaluatedKey;
    more = start !== undefined;
  }
  const taken = rows.slice(0, query.limit);
  const last = taken[taken.length - 1];
  const full = rows.length > query.limit || (more && taken.length === query.limit);
  return full && last ? { rows: taken, cursor: cursorAfter(last.key) } : { rows: taken };
}
