export * from './dynamodb-event-store';
export { attributeValueSize, itemSize, MAX_ITEM_BYTES } from './item-size';
export { TRANSACTION_LIMITS } from './commit-plan';
export {
  comparePositions,
  MAX_TIME_INDEX_SHARDS,
  shardOf,
  timeBucketKey,
  timeBucketOf,
  timePositionOf,
} from './time-index';
export type { ReadCounter } from './stream-reader';
export { TimeBucketRegistry, type TimeBucket } from './time-buckets';
