import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import type { EventfoldConfig } from '../../config';

/**
 * Key attributes of a read-model table (one per projection and slot): `pk` + `sk`. A stream's version gate
 * (and, for document projections, its document) is the item `pk = streamId, sk = '#gate'`; the rows of a row
 * projection are `pk = row key, sk = '#row'`.
 */
export const ReadModelTableKeys = {
  partitionKey: 'pk',
  sortKey: 'sk',
  gateSortKey: '#gate',
  rowSortKey: '#row',
} as const;

/** The `CreateTable` input of a read-model table (also used for the recorded-answers table). */
export function readModelTableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: ReadModelTableKeys.partitionKey, AttributeType: 'S' },
      { AttributeName: ReadModelTableKeys.sortKey, AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: ReadModelTableKeys.partitionKey, KeyType: 'HASH' },
      { AttributeName: ReadModelTableKeys.sortKey, KeyType: 'RANGE' },
    ],
  };
}

/**
 * The table of answers recorded by projections' live external queries, shared by every projection and both
 * slots (a rebuild's replay into the standby table reads the answers recorded live): `<prefix>_answers`.
 */
export function recordedAnswersTableName(config: Pick<EventfoldConfig, 'readModelTablePrefix'>): string {
  return `${config.readModelTablePrefix}_answers`;
}
