import type { KinesisSource } from '../runtime/composed-runtime';
import { below, shuffled } from './random';

/** How often each delivery fault happens, per record (duplicates, drops) or per read (reordering). */
export interface DeliveryFaultRates {
  readonly duplicate: number;
  readonly drop: number;
  readonly reorder: number;
}

/** What the delivery faults did, per kind. */
export interface DeliveryFaultCounts {
  duplicated: number;
  dropped: number;
  redelivered: number;
  reorderedReads: number;
}

type Rec = Awaited<ReturnType<KinesisSource['read']>>['records'][number];

/**
 * Wraps the Kinesis source a consumer mapping polls with the delivery faults of at-least-once streams: a record
 * delivered twice (once more in the same batch, or again in a later one after newer records), a record left out
 * of its batch and delivered in a later one (a drop followed by redelivery), and batches in shuffled order.
 * Every record is still delivered at least once: held-back records come with the shard's next read.
 */
export function faultyDelivery(
  inner: KinesisSource,
  random: () => number,
  rates: DeliveryFaultRates,
  counts: DeliveryFaultCounts,
): KinesisSource {
  const held = new Map<string, Rec[]>();
  return {
    ...inner,
    async read(shardId, iterator, limit) {
      const read = await inner.read(shardId, iterator, limit);
      const later: Rec[] = [];
      const records: Rec[] = [];
      for (const record of read.records) {
        if (random() < rates.drop) {
          counts.dropped += 1;
          later.push(record);
          continue;
        }
        records.push(record);
        if (random() < rates.duplicate) {
          counts.duplicated += 1;
          if (random() < 0.5) records.splice(records.length + below(random, 2), 0, record);
          else later.push(record);
        }
      }
      const released = held.get(shardId) ?? [];
      counts.redelivered += released.length;
      held.set(shardId, later);
      let batch = [...records, ...released];
      if (batch.length > 1 && random() < rates.reorder) {
        counts.reorderedReads += 1;
        batch = shuffled(batch, random);
      }
      return { records: batch, nextIterator: read.nextIterator };
    },
  };
}
