import type { KeysAndAttributes, TransactWriteItem, WriteRequest } from '@aws-sdk/client-dynamodb';
import { type Item, itemReadUnits, queryReadUnits, writeUnits } from './capacity-units';
import { itemSize } from '../../src/infrastructure/dynamodb/event-store/item-size';
import type { TableLookups } from './table-lookups';

/** Request units one request consumed. */
export interface Units {
  readonly wru: number;
  readonly rru: number;
}

/** One item a write request touches: a put of a new item, an update, a delete or a transaction's condition check. */
interface ItemWrite {
  readonly table: string;
  readonly key: Item;
  readonly kind: 'put' | 'update' | 'delete' | 'check';
  readonly item?: Item;
  readonly transactional: boolean;
}

type Input = Record<string, any>;

async function put(
  lookups: TableLookups,
  table: string,
  item: Item,
  transactional = false,
): Promise<ItemWrite> {
  return { table, key: await lookups.keyOf(table, item), kind: 'put', item, transactional };
}

function transactItem(lookups: TableLookups, entry: TransactWriteItem): Promise<ItemWrite> {
  if (entry.Put) return put(lookups, entry.Put.TableName!, entry.Put.Item!, true);
  const [kind, part] = entry.Update
    ? (['update', entry.Update] as const)
    : entry.Delete
      ? (['delete', entry.Delete] as const)
      : (['check', entry.ConditionCheck!] as const);
  return Promise.resolve({ table: part.TableName!, key: part.Key!, kind, transactional: true });
}

function batchItems(lookups: TableLookups, requests: Record<string, WriteRequest[]>): Promise<ItemWrite>[] {
  return Object.entries(requests).flatMap(([table, writes]) =>
    writes.map((write) =>
      write.PutRequest
        ? put(lookups, table, write.PutRequest.Item!)
        : Promise.resolve({
            table,
            key: write.DeleteRequest!.Key!,
            kind: 'delete' as const,
            transactional: false,
          }),
    ),
  );
}

function itemWrites(
  lookups: TableLookups,
  operation: string,
  input: Input,
): Promise<ItemWrite>[] | undefined {
  const table = input.TableName as string;
  const single = (kind: ItemWrite['kind']) => [
    Promise.resolve({ table, key: input.Key, kind, transactional: false }),
  ];
  switch (operation) {
    case 'PutItem':
      return [put(lookups, table, input.Item)];
    case 'UpdateItem':
      return single('update');
    case 'DeleteItem':
      return single('delete');
    case 'BatchWriteItem':
      return batchItems(lookups, input.RequestItems);
    case 'TransactWriteItems':
      return (input.TransactItems as TransactWriteItem[]).map((entry) => transactItem(lookups, entry));
    default:
      return undefined;
  }
}

async function afterImage(lookups: TableLookups, write: ItemWrite, before: Item | undefined) {
  if (write.kind === 'put') return write.item;
  if (write.kind === 'update') return lookups.get(write.table, write.key);
  return write.kind === 'delete' ? undefined : before;
}

/** Units of the item writes: a failed write is charged for its items, without index writes. */
async function settleWrites(
  lookups: TableLookups,
  writes: ItemWrite[],
  befores: (Item | undefined)[],
  failed: boolean,
) {
  let wru = 0;
  for (const [i, write] of writes.entries()) {
    const before = befores[i];
    const shape = await lookups.shape(write.table);
    const after = failed ? (write.item ?? before) : await afterImage(lookups, write, before);
    const units = writeUnits({ before, after, transactional: write.transactional }, shape);
    wru += units.table + (failed ? 0 : units.indexes);
  }
  return { wru, rru: 0 };
}

async function keyReads(lookups: TableLookups, requests: Record<string, KeysAndAttributes>) {
  let rru = 0;
  for (const [table, request] of Object.entries(requests)) {
    const items = await Promise.all((request.Keys ?? []).map((key) => lookups.get(table, key)));
    rru += itemReadUnits(
      items.map((item) => (item ? itemSize(item) : 0)),
      { consistent: !!request.ConsistentRead },
    );
  }
  return rru;
}

async function readUnits(
  lookups: TableLookups,
  operation: string,
  input: Input,
): Promise<number | undefined> {
  const consistent = !!input.ConsistentRead;
  switch (operation) {
    case 'GetItem':
      return keyReads(lookups, { [input.TableName]: { Keys: [input.Key], ConsistentRead: consistent } });
    case 'BatchGetItem':
      return keyReads(lookups, input.RequestItems);
    case 'TransactGetItems': {
      const gets = (input.TransactItems as { Get: { TableName: string; Key: Item } }[]).map(
        (entry) => entry.Get,
      );
      const items = await Promise.all(gets.map((get) => lookups.get(get.TableName, get.Key)));
      return itemReadUnits(
        items.map((item) => (item ? itemSize(item) : 0)),
        { consistent: true, transactional: true },
      );
    }
    case 'Query':
    case 'Scan': {
      const items = await lookups.itemsRead(operation, input as Parameters<TableLookups['itemsRead']>[1]);
      return queryReadUnits(items.map(itemSize), { consistent });
    }
    default:
      return undefined;
  }
}

/**
 * Meters one request: the item images a write needs are read before it is sent; `settle` computes its units by
 * AWS's rules once it has succeeded or failed. Undefined for a request that is not a data-plane read or write.
 */
export async function meterRequest(
  lookups: TableLookups,
  operation: string,
  input: Input,
): Promise<{ settle(failed: boolean): Promise<Units> } | undefined> {
  const planned = itemWrites(lookups, operation, input);
  if (planned) {
    const writes = await Promise.all(planned);
    const befores = await Promise.all(writes.map((write) => lookups.get(write.table, write.key)));
    return { settle: (failed) => settleWrites(lookups, writes, befores, failed) };
  }
  if (!['GetItem', 'BatchGetItem', 'TransactGetItems', 'Query', 'Scan'].includes(operation)) return undefined;
  return {
    settle: async (failed) => ({
      wru: 0,
      rru: failed ? 0 : ((await readUnits(lookups, operation, input)) ?? 0),
    }),
  };
}
