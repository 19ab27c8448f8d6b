import { type CrashCounts, crashingConsumer } from './faults/consumer-crashes';
import { type DeliveryFaultCounts, faultyDelivery } from './faults/delivery-faults';
import type { FaultStats } from '../test/support/kinesis-fixture';
import type { ThrottleCounts } from './faults/dynamodb-throttling';
import { seeded } from './faults/random';
import type { ComposedRuntimeOptions, ConsumedStream } from './runtime/composed-runtime';

/** How often each fault happens. */
export interface FaultRates {
  /** Share of PutRecords entries failed (forwarder and replay publishers). */
  readonly putRecordsEntry: number;
  /** Per delivered record: delivered twice; left out and delivered later. */
  readonly duplicate: number;
  readonly drop: number;
  /** Per read: the batch comes shuffled. */
  readonly reorder: number;
  /** Per consumer invocation: crash after applying part of the batch. */
  readonly crash: number;
  /** Per DynamoDB write call: throttled before it is sent (the retry gets through). */
  readonly throttle: number;
}

/** The counts of every injected fault. */
export interface InjectedFaults {
  readonly delivery: Record<ConsumedStream, DeliveryFaultCounts>;
  readonly crashes: Record<ConsumedStream, CrashCounts>;
  readonly putRecords?: FaultStats;
  readonly dynamodb?: ThrottleCounts;
  readonly mappingErrors?: number;
}

const emptyDelivery = (): DeliveryFaultCounts => ({
  duplicated: 0,
  dropped: 0,
  redelivered: 0,
  reorderedReads: 0,
});

/** The source and consumer wrappers of both Kinesis streams, each with its own seeded random source, and their counts. */
export function faultHooks(seed: number, rates: FaultRates) {
  const counts = {
    delivery: { projection: emptyDelivery(), replay: emptyDelivery() },
    crashes: { projection: { crashes: 0 }, replay: { crashes: 0 } },
  };
  const offset = (stream: ConsumedStream) => (stream === 'projection' ? 1 : 2);
  const wrapSource: ComposedRuntimeOptions['wrapSource'] = (source, stream) =>
    faultyDelivery(source, seeded(seed + offset(stream)), rates, counts.delivery[stream]);
  const wrapConsumer: ComposedRuntimeOptions['wrapConsumer'] = (handler, stream) =>
    crashingConsumer(handler, seeded(seed + 4 + offset(stream)), rates.crash, counts.crashes[stream]);
  return { counts, wrapSource, wrapConsumer };
}
