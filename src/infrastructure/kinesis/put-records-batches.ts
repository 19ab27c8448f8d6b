import { KINESIS_LIMITS, type PackedRecord, recordSize } from './record-packing';

/** Limits of one `PutRecords` call. */
export interface CallLimits {
  readonly recordsPerCall: number;
  readonly bytesPerCall: number;
}

/** Splits records into `PutRecords` calls of at most `recordsPerCall` records and `bytesPerCall` bytes, in order. */
export function chunkIntoCalls<R extends Pick<PackedRecord, 'partitionKey' | 'data'>>(
  records: readonly R[],
  limits: CallLimits = KINESIS_LIMITS,
): R[][] {
  const calls: R[][] = [];
  let current: R[] = [];
  let bytes = 0;
  for (const record of records) {
    const size = recordSize(record);
    if (
      current.length > 0 &&
      (current.length >= limits.recordsPerCall || bytes + size > limits.bytesPerCall)
    ) {
      calls.push(current);
      current = [];
      bytes = 0;
    }
    current.push(record);
    bytes += size;
  }
  if (current.length > 0) calls.push(current);
  return calls;
}
