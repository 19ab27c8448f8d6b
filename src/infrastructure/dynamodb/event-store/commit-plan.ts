import { LimitExceededError } from '../../../domain/domain-errors';
import type { StreamAppend } from '../../../domain/ports';
import { type StoredEvent, storedEventOf } from '../../../domain/stored-event';
import { ValidationError } from '../../../domain/validation-error';
import { eventKey } from '../tables/events-table';
import { emptyAttributeNameIn, type EventItem, toEventItem, unstorableNumberIn } from './event-item';
import { assertItemShape } from './item-shape';
import { itemSize, MAX_ITEM_BYTES, surveyItem } from './item-size';
import { shardOf } from './time-index';

/** DynamoDB's limits on one `TransactWriteItems`: 100 items, 4 MB in all. */
export const TRANSACTION_LIMITS = { maxItems: 100, maxBytes: 4 * 1024 * 1024 } as const;

/** One event item to put, with its coordinates. */
export interface PlannedPut {
  readonly streamId: string;
  readonly version: number;
  readonly item: EventItem;
}

/** A check that a stream's expected version exists, so that an append never leaves a gap. */
export interface PredecessorCheck {
  readonly streamId: string;
  readonly version: number;
}

/** Everything one commit writes, computed and checked before the first write. */
export interface CommitPlan {
  readonly commitId: string;
  readonly committedAt: string;
  /** The write shards of the time bucket the items were built for; 0 when the store keeps no time index. */
  readonly shards: number;
  readonly appends: readonly StreamAppend[];
  readonly events: readonly StoredEvent[];
  readonly puts: readonly PlannedPut[];
  readonly checks: readonly PredecessorCheck[];
  readonly bytes: number;
}

function storedEventsOf(commitId: string, committedAt: string, append: StreamAppend): StoredEvent[] {
  const { streamId, expectedVersion } = append;
  return append.events.map((event, index) =>
    storedEventOf(event, { streamId, version: expectedVersion + index + 1, commitId, committedAt }),
  );
}

/** A `ValidationError` refusing an event's data, at the event's coordinates. */
function refused(event: StoredEvent, reason: string): ValidationError {
  return new ValidationError('commit', [{ field: `${event.streamId}@${event.version}`, reasons: [reason] }]);
}

/**
 * The detailed checks of an item the survey found suspect, in their order: data nested too deep or with too long
 * a name is a `LimitExceededError`, an empty name or a number below 1e-130 a `ValidationError`.
 */
function assertStorable(event: StoredEvent, item: EventItem): void {
  assertItemShape(item, { streamId: event.streamId, version: event.version });
  const emptyKeyAt = emptyAttributeNameIn(item);
  if (emptyKeyAt !== undefined) {
    throw refused(event, `${emptyKeyAt} has an empty key; DynamoDB refuses empty attribute names`);
  }
  const number = unstorableNumberIn(item);
  if (number !== undefined) throw refused(event, `number ${number} is below DynamoDB's 1e-130`);
}

/**
 * The event's item and its size, checked in one walk (`surveyItem`); data DynamoDB cannot hold (an integer beyond
 * 2^53, a function) is a `ValidationError`, and so are the failures of `assertStorable`.
 */
function marshalled(event: StoredEvent, shards: number): { item: EventItem; bytes: number } {
  let item: EventItem;
  try {
    item = toEventItem(event, shards > 0 ? shardOf(event.streamId, shards) : undefined);
  } catch (error) {
    throw refused(event, (error as Error).message);
  }
  const bytes = surveyItem(item);
  if (bytes !== undefined) return { item, bytes };
  assertStorable(event, item);
  return { item, bytes: itemSize(item) };
}

function checkItemSize(put: PlannedPut, bytes: number): number {
  if (bytes > MAX_ITEM_BYTES) {
    throw new LimitExceededError('event item size in bytes', MAX_ITEM_BYTES, bytes, {
      streamId: put.streamId,
      version: put.version,
    });
  }
  return bytes;
}

function keySize(check: PredecessorCheck): number {
  return itemSize(eventKey(check.streamId, check.version));
}

/** True when the commit goes out as one conditional `PutItem` rather than a transaction. */
export function isSinglePut(plan: CommitPlan): boolean {
  return plan.puts.length === 1 && plan.checks.length === 0;
}

/**
 * Builds the items of a commit and checks DynamoDB's limits before anything is written: every item at most
 * 400 KB (attribute names included), and a transaction at most 100 items (event puts plus one predecessor
 * check per stream that already has events, unless the store saw that stream's predecessor itself: `vouched`)
 * and 4 MB. Throws a `LimitExceededError` naming the limit.
 */
export function planCommit(
  commitId: string,
  appends: readonly StreamAppend[],
  committedAt: string,
  shards: number,
  vouched: ReadonlyMap<string, string> = new Map(),
): CommitPlan {
  const events = appends.flatMap((append) => storedEventsOf(commitId, committedAt, append));
  const sizes: number[] = [];
  const puts = events.map((event) => {
    const { item, bytes } = marshalled(event, shards);
    sizes.push(bytes);
    return { streamId: event.streamId, version: event.version, item };
  });
  const checks = appends
    .filter((append) => append.expectedVersion > 0 && !vouched.has(append.streamId))
    .map((append) => ({ streamId: append.streamId, version: append.expectedVersion }));
  const putBytes = puts.reduce((sum, put, i) => sum + checkItemSize(put, sizes[i]!), 0);
  const bytes = checks.reduce((sum, check) => sum + keySize(check), putBytes);
  const plan = { commitId, committedAt, shards, appends, events, puts, checks, bytes };
  if (isSinglePut(plan)) return plan;
  const items = puts.length + checks.length;
  if (items > TRANSACTION_LIMITS.maxItems) {
    throw new LimitExceededError(
      'items in one commit (events plus one check per existing stream)',
      TRANSACTION_LIMITS.maxItems,
      items,
    );
  }
  if (bytes > TRANSACTION_LIMITS.maxBytes) {
    throw new LimitExceededError('bytes in one commit', TRANSACTION_LIMITS.maxBytes, bytes);
  }
  return plan;
}
