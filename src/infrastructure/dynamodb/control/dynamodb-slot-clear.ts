import type { Logger } from '@aws-lambda-powertools/logger';
import {
  type AttributeValue,
  type DynamoDBClient,
  ResourceNotFoundException,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import type { ReadModelSlotReset } from '../../../application/rebuild/rebuild-ports';
import type { ReadModelTarget } from '../../../projections/read-model-store';
import { slotRoleIn, type ProjectionPointerStore } from '../../../projections/table-pointer';
import type { TableOf } from '../read-models/dynamodb-read-model-store';
import { readModelTableDefinition } from '../tables/read-model-table';
import { type BatchRetry, deleteKeys } from './batch-delete';
import { SlotClearIncompleteError, SlotInUseError, StandbyTableMissingError } from './slot-clear-errors';

/** Tuning of `DynamoDbSlotClear`; every field has a default. */
export interface SlotClearOptions {
  /** Parallel scan segments (default 4). */
  readonly segments?: number;
  /** Retries of unprocessed deletes (default 8 attempts, 50 ms first delay). */
  readonly retry?: BatchRetry;
  /**
   * Scan-and-delete passes (default 5). A pass that finds nothing ends the clearing; after the last pass a
   * consistent count decides: empty, or `SlotClearIncompleteError` with the count.
   */
  readonly maxPasses?: number;
  /** Receives a progress line each time another `logEvery` items are deleted, and one when done. */
  readonly logger?: Pick<Logger, 'info'>;
  /** Items deleted between two progress lines (default 10,000). */
  readonly logEvery?: number;
  /**
   * How long one call may clear, in ms (unlimited when absent). When it runs out, the call stops after the
   * batches in flight and throws `SlotClearIncompleteError` with what it deleted: what is deleted stays
   * deleted, so calling again goes on. Set it below the caller's own timeout (an API function's 29 s).
   */
  readonly timeBudgetMs?: number;
  /**
   * The projection pointers: with them, every scan page first checks that the pointer does not name the slot
   * (active, previous, a running rebuild's standby) and stops with `SlotInUseError` if it does.
   */
  readonly pointers?: ProjectionPointerStore;
}

type Key = Record<string, AttributeValue>;

/** The key attribute names of a read-model table, read from its `CreateTable` definition. */
function keyAttributes(tableName: string): string[] {
  return (readModelTableDefinition(tableName).KeySchema ?? []).map((k) => k.AttributeName as string);
}

/** Counts deletes across the concurrent segments and logs each time another `every` items are gone. */
class Progress {
  deleted = 0;
  private logged = 0;

  constructor(
    private readonly tableName: string,
    private readonly every: number,
    private readonly logger?: Pick<Logger, 'info'>,
  ) {}

  add(count: number, pass: number): void {
    this.deleted += count;
    const step = Math.floor(this.deleted / this.every);
    if (step <= this.logged) return;
    this.logged = step;
    this.logger?.info('clearing standby read-model table', {
      table: this.tableName,
      deleted: this.deleted,
      pass,
    });
  }
}

/**
 * Empties a projection slot by deleting its items, leaving the table itself (and everything the stack set on it:
 * point-in-time recovery, tags, deletion protection, alarms) as it is. A pass is a strongly consistent parallel
 * scan that reads only the key attributes and deletes what it finds with `BatchWriteItem`, 25 keys a call;
 * passes repeat until one finds the table empty (at most `maxPasses`, then a consistent count of what is left
 * decides). Nothing writes to the standby while it is cleared: the rebuild marks the pointer `rebuilding` only
 * afterwards. Given the pointers, it refuses, before every page, a slot the pointer names (`SlotInUseError`), so
 * no race of rebuild, rollback and abort calls can make it clear a table readers use or a rollback needs.
 * Needs Scan and BatchWriteItem on the read-model tables.
 * @example
 * const reset = new DynamoDbSlotClear(client, tableOfConfig(config), { logger });
 * await reset.reset({ projection: 'orders', slot: 'green' });
 */
export class DynamoDbSlotClear implements ReadModelSlotReset {
  private readonly segments: number;
  private readonly retry: BatchRetry;
  private readonly maxPasses: number;

  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableOf: TableOf,
    private readonly options: SlotClearOptions = {},
  ) {
    this.segments = options.segments ?? 4;
    this.retry = options.retry ?? { maxAttempts: 8, baseDelayMs: 50 };
    this.maxPasses = options.maxPasses ?? 5;
  }

  async reset(target: ReadModelTarget): Promise<void> {
    const tableName = this.tableOf(target);
    const started = Date.now();
    const progress = new Progress(tableName, this.options.logEvery ?? 10_000, this.options.logger);
    const budget = this.options.timeBudgetMs;
    const deadline = budget === undefined ? Number.POSITIVE_INFINITY : started + budget;
    for (let pass = 1; ; pass++) {
      const before = progress.deleted;
      const finished = await this.pass(target, pass, progress, deadline);
      if (!finished) {
        const reason = `the time budget of ${budget} ms ran out after ${progress.deleted} item(s) were deleted; start again to go on`;
        throw new SlotClearIncompleteError(tableName, undefined, reason);
      }
      if (progress.deleted === before) return this.done(tableName, progress, pass, started);
      if (pass >= this.maxPasses) {
        const left = await this.left(tableName);
        if (left === 0) return this.done(tableName, progress, pass, started);
        throw new SlotClearIncompleteError(tableName, left, `items kept appearing during ${pass} passes`);
      }
    }
  }

  private done(tableName: string, progress: Progress, passes: number, started: number): void {
    this.options.logger?.info('standby read-model table cleared', {
      table: tableName,
      deleted: progress.deleted,
      passes,
      ms: Date.now() - started,
    });
  }

  /** How many items a consistent scan still finds (something wrote to the table while it was cleared). */
  private async left(tableName: string): Promise<number> {
    let count = 0;
    let start: Key | undefined;
    do {
      const page = await this.client.send(
        new ScanCommand({
          TableName: tableName,
          ConsistentRead: true,
          Select: 'COUNT',
          ExclusiveStartKey: start,
        }),
      );
      count += page.Count ?? 0;
      start = page.LastEvaluatedKey;
    } while (start);
    return count;
  }

  /**
   * One consistent parallel scan over the whole table, deleting every item it returns; false when the deadline
   * came first (each segment stops before its next page).
   */
  private async pass(
    target: ReadModelTarget,
    pass: number,
    progress: Progress,
    deadline: number,
  ): Promise<boolean> {
    const tableName = this.tableOf(target);
    const names = keyAttributes(tableName);
    const segments = Array.from({ length: this.segments }, (_, segment) => segment);
    const completed = await Promise.all(
      segments.map(async (segment) => {
        let start: Key | undefined;
        do {
          if (Date.now() >= deadline) return false;
          await this.refuseInUse(target, tableName);
          const page = await this.scan(tableName, names, segment, start);
          const keys = page.Items ?? [];
          await deleteKeys(this.client, tableName, keys, this.retry);
          progress.add(keys.length, pass);
          start = page.LastEvaluatedKey;
        } while (start);
        return true;
      }),
    );
    return completed.every(Boolean);
  }

  /** Throws `SlotInUseError` when the projection's pointer names the slot (checked before every page). */
  private async refuseInUse(target: ReadModelTarget, tableName: string): Promise<void> {
    if (!this.options.pointers) return;
    const pointer = await this.options.pointers.get(target.projection);
    const role = slotRoleIn(pointer, target.slot);
    if (role) throw new SlotInUseError(tableName, target.projection, target.slot, role);
  }

  private async scan(tableName: string, names: string[], segment: number, start: Key | undefined) {
    try {
      return await this.client.send(
        new ScanCommand({
          TableName: tableName,
          ConsistentRead: true,
          Segment: segment,
          TotalSegments: this.segments,
          ExclusiveStartKey: start,
          ProjectionExpression: names.map((_, i) => `#k${i}`).join(', '),
          ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#k${i}`, name])),
        }),
      );
    } catch (error) {
      if (error instanceof ResourceNotFoundException) throw new StandbyTableMissingError(tableName);
      throw error;
    }
  }
}
