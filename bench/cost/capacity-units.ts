import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { itemSize } from '../../src/infrastructure/dynamodb/event-store/item-size';

/** A marshalled DynamoDB item. */
export type Item = Record<string, AttributeValue>;

/** A secondary index: its key attributes and what it projects. */
export interface IndexShape {
  readonly name: string;
  readonly keys: readonly string[];
  readonly projection: 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
  readonly include?: readonly string[];
}

/** What the units of a write depend on: the table's key attributes and its global secondary indexes. */
export interface TableShape {
  readonly keys: readonly string[];
  readonly indexes: readonly IndexShape[];
}

/** Write request units of one item write: the table's and the indexes'. */
export interface WriteUnits {
  readonly table: number;
  readonly indexes: number;
}

/** On-demand list prices, $ per million request units (us-east-1). */
export const PRICES = { wru: 1.25, rru: 0.25 } as const;

const KB = 1024;
const READ_BLOCK = 4 * KB;

/** $ per million commands that each take `wru` write and `rru` read request units. */
export function dollarsPerMillion(units: { wru: number; rru: number }): number {
  return units.wru * PRICES.wru + units.rru * PRICES.rru;
}

/** The index entry an item makes, or undefined when the item lacks one of the index's keys. */
export function indexEntry(item: Item | undefined, table: TableShape, index: IndexShape): Item | undefined {
  if (!item || !index.keys.every((key) => item[key] !== undefined)) return undefined;
  if (index.projection === 'ALL') return item;
  const kept = new Set([...table.keys, ...index.keys, ...(index.include ?? [])]);
  return Object.fromEntries(Object.entries(item).filter(([name]) => kept.has(name)));
}

const writeBlocks = (item: Item) => Math.max(1, Math.ceil(itemSize(item) / KB));
const sameValue = (a: AttributeValue | undefined, b: AttributeValue | undefined) =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * Index writes of one item write: none when the entry is unchanged or absent before and after; a put or a
 * delete (the entry's size in KB, rounded up) when it appears, changes or disappears; a delete plus a put when
 * its key changes.
 */
function indexWrites(
  before: Item | undefined,
  after: Item | undefined,
  table: TableShape,
  index: IndexShape,
) {
  const old = indexEntry(before, table, index);
  const now = indexEntry(after, table, index);
  if (!old && !now) return 0;
  if (!old || !now) return writeBlocks((old ?? now)!);
  if (!index.keys.every((key) => sameValue(old[key], now[key]))) return writeBlocks(old) + writeBlocks(now);
  if (JSON.stringify(old) === JSON.stringify(now)) return 0;
  return Math.max(writeBlocks(old), writeBlocks(now));
}

/**
 * Write request units of one item write by AWS's rules: 1 per KB of the larger of the item before and after
 * (rounded up, at least 1), twice that inside a transaction; plus, for every global secondary index, one write per
 * KB of each index entry put or deleted (index writes are not doubled by transactions).
 * @example
 * writeUnits({ after: marshall({ pk: 'a', data: 'x'.repeat(1100) }) }, { keys: ['pk'], indexes: [] }); // { table: 2, indexes: 0 }
 */
export function writeUnits(
  write: { before?: Item; after?: Item; transactional?: boolean },
  table: TableShape,
): WriteUnits {
  const sizes = [write.before, write.after].filter((item): item is Item => item !== undefined).map(itemSize);
  const blocks = Math.max(1, Math.ceil(Math.max(0, ...sizes) / KB));
  const indexes = table.indexes.reduce(
    (sum, index) => sum + indexWrites(write.before, write.after, table, index),
    0,
  );
  return { table: blocks * (write.transactional ? 2 : 1), indexes };
}

/** How a read is charged: strongly consistent (1 per 4 KB) or eventually (half), transactional (twice). */
export interface ReadMode {
  readonly consistent: boolean;
  readonly transactional?: boolean;
}

const readFactor = (mode: ReadMode) => (mode.transactional ? 2 : mode.consistent ? 1 : 0.5);

/**
 * Read request units of reading items one by one (GetItem, BatchGetItem, TransactGetItems): each item's size
 * rounded up to 4 KB, a missing item (size 0) one block.
 */
export function itemReadUnits(sizes: readonly number[], mode: ReadMode): number {
  return sizes.reduce((sum, size) => sum + Math.max(1, Math.ceil(size / READ_BLOCK)), 0) * readFactor(mode);
}

/**
 * Read request units of a Query or Scan: the summed size of every item it read (before any filter), rounded up
 * to 4 KB once, at least one block even when it read nothing.
 */
export function queryReadUnits(sizes: readonly number[], mode: ReadMode): number {
  const total = sizes.reduce((sum, size) => sum + size, 0);
  return Math.max(1, Math.ceil(total / READ_BLOCK)) * readFactor(mode);
}
