import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import fc from 'fast-check';
import type { EventPublisher } from '../../../src/domain/ports';
import type { StoredEvent } from '../../../src/domain/stored-event';
import { toEventItem } from '../../../src/infrastructure/dynamodb/event-store/event-item';
import { handleStreamBatch } from '../../../src/infrastructure/forwarder/handle-stream-batch';
import { PublishIncompleteError } from '../../../src/infrastructure/kinesis/publish-errors';
import { storedEvent } from '../../int/pipeline/stored-events';

function insert(event: StoredEvent, seq: number): DynamoDBRecord {
  return {
    eventName: 'INSERT',
    dynamodb: { SequenceNumber: String(seq), NewImage: toEventItem(event, 0) as never },
  };
}

function batch(records: DynamoDBRecord[]): DynamoDBStreamEvent {
  return { Records: records };
}

/** Records what it is asked to publish; fails the suffix of each stream from `failFrom` on, like the publisher. */
class RecordingPublisher implements EventPublisher {
  readonly published: StoredEvent[][] = [];
  constructor(private readonly failFrom = new Map<string, number>()) {}
  async publish(events: readonly StoredEvent[]): Promise<void> {
    this.published.push([...events]);
    const unpublished = events.filter((e) => e.version >= (this.failFrom.get(e.streamId) ?? Infinity));
    if (unpublished.length) throw new PublishIncompleteError('projection', unpublished, 3);
  }
}

describe('stream forwarder', () => {
  it('publishes inserted events in stream order and ignores MODIFY, REMOVE and non-event items', async () => {
    const publisher = new RecordingPublisher();
    const a1 = storedEvent('A#1', 1);
    const b1 = storedEvent('B#1', 1);
    const records: DynamoDBRecord[] = [
      insert(a1, 1),
      { eventName: 'MODIFY', dynamodb: { SequenceNumber: '2', NewImage: toEventItem(a1, 0) as never } },
      {
        eventName: 'INSERT',
        dynamodb: { SequenceNumber: '3', NewImage: marshall({ pk: 'bucket', sk: 'x' }) as never },
      },
      insert(b1, 4),
      { eventName: 'REMOVE', dynamodb: { SequenceNumber: '5' } },
    ];
    expect(await handleStreamBatch(batch(records), { publisher })).toEqual({ batchItemFailures: [] });
    expect(publisher.published).toEqual([[a1, b1]]);
  });

  it('does not call the publisher for a batch without inserted events', async () => {
    const publisher = new RecordingPublisher();
    await handleStreamBatch(batch([{ eventName: 'REMOVE', dynamodb: { SequenceNumber: '1' } }]), {
      publisher,
    });
    expect(publisher.published).toEqual([]);
  });

  it('resumes from the first stream record whose event was not safely published', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 20 }),
        fc.array(fc.option(fc.integer({ min: 1, max: 5 })), { minLength: 4, maxLength: 4 }),
        async (lengths, picks, failAt) => {
          const histories = lengths.map((n, s) =>
            Array.from({ length: n }, (_, v) => storedEvent(`S#${s}`, v + 1)),
          );
          const { interleave } = await import('../../int/pipeline/stored-events');
          const order = interleave(histories, picks);
          const failFrom = new Map<string, number>();
          failAt.forEach((v, s) => v !== null && failFrom.set(`S#${s}`, v));
          const response = await handleStreamBatch(batch(order.map((e, i) => insert(e, 100 + i))), {
            publisher: new RecordingPublisher(failFrom),
          });
          const firstFailed = order.findIndex((e) => e.version >= (failFrom.get(e.streamId) ?? Infinity));
          expect(response.batchItemFailures).toEqual(
            firstFailed < 0 ? [] : [{ itemIdentifier: String(100 + firstFailed) }],
          );
        },
      ),
    );
  });

  it('resumes from the first record when publishing fails for another reason', async () => {
    const publisher: EventPublisher = {
      publish: async () => {
        throw new Error('network down');
      },
    };
    const response = await handleStreamBatch(batch([insert(storedEvent('A#1', 1), 7)]), { publisher });
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '7' }] });
  });
});
