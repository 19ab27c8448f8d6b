/** A shard of a DynamoDB stream or a Kinesis stream. */
export interface ShardRef {
  readonly shardId: string;
  /** Lambda reads a parent shard to its end before it starts on the children. */
  readonly parentShardId?: string;
}

/** One read from a shard: the records, and the iterator to continue with (absent once a closed shard ends). */
export interface ShardRead<R> {
  readonly records: readonly R[];
  readonly nextIterator?: string;
}

/**
 * What an event source mapping polls: a DynamoDB stream or a Kinesis stream. Adapters turn the service's records
 * into the records of the Lambda event the service would send.
 */
export interface ShardSource<R> {
  /** The ARN put into every record (`eventSourceARN`) and into dead-letter messages. */
  readonly arn: string;
  /** `Kinesis` or `DDBStream`: names the batch info of an on-failure message, as Lambda does. */
  readonly kind: 'Kinesis' | 'DDBStream';
  listShards(): Promise<readonly ShardRef[]>;
  /** An iterator at the start of the shard (TRIM_HORIZON) or after a sequence number. */
  iterator(shardId: string, afterSequenceNumber?: string): Promise<string>;
  read(shardId: string, iterator: string, limit: number): Promise<ShardRead<R>>;
  sequenceNumberOf(record: R): string;
  /** Seconds since the epoch when the record reached the stream. */
  arrivalOf(record: R): number;
  /** The Lambda event (`{ Records }`) carrying these records. */
  toEvent(records: readonly R[]): { Records: R[] };
}

/** The answer of a batch handler that reports partial failures (`ReportBatchItemFailures`). */
export interface BatchResponse {
  readonly batchItemFailures: ReadonlyArray<{ readonly itemIdentifier?: string }>;
}

/** A Lambda handler of stream batches as the event source mapping calls it. */
export type BatchHandler<E> = (event: E) => Promise<BatchResponse | void | undefined>;

/** A batch that failed every attempt; what Lambda sends to the on-failure destination. */
export interface ExhaustedBatch {
  readonly mapping: string;
  readonly sourceKind: 'Kinesis' | 'DDBStream';
  readonly streamArn: string;
  readonly shardId: string;
  readonly startSequenceNumber: string;
  readonly endSequenceNumber: string;
  readonly approximateArrivalOfFirstRecord: string;
  readonly approximateArrivalOfLastRecord: string;
  readonly batchSize: number;
  readonly attempts: number;
  readonly error: string;
}

/** Keeps the last processed sequence number per shard, so that a restart resumes instead of starting over. */
export interface CheckpointStore {
  get(key: string): string | undefined;
  set(key: string, sequenceNumber: string): void;
}
