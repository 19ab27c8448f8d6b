import fc from 'fast-check';
import {
  deliverBatch,
  firstFailedIndex,
  type DeliveryPolicy,
} from '../../../src/infrastructure/local/runtime/event-source-mapping-batch';
import type {
  ExhaustedBatch,
  ShardSource,
} from '../../../src/infrastructure/local/runtime/event-source-mapping-types';

interface Rec {
  readonly seq: string;
}

/** A shard source over records held in memory: only the parts deliverBatch uses. */
const source: ShardSource<Rec> = {
  arn: 'arn:test',
  kind: 'Kinesis',
  listShards: async () => [],
  iterator: async () => 'it',
  read: async () => ({ records: [] }),
  sequenceNumberOf: (r) => r.seq,
  arrivalOf: () => 0,
  toEvent: (records) => ({ Records: [...records] }),
};

const recs = (n: number): Rec[] => Array.from({ length: n }, (_, i) => ({ seq: String(i + 1) }));

function policy(exhausted: ExhaustedBatch[], maxRetryAttempts = 2): DeliveryPolicy {
  return { maxRetryAttempts, retryBackoffMs: 0, onExhausted: async (b) => void exhausted.push(b) };
}

describe('batch delivery of the event source mapping emulator', () => {
  it('takes the earliest reported failure as the resume point, whatever the order of the report', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
        (n, picks) => {
          const batch = recs(n);
          const failed = picks.map((p) => batch[p % n]!.seq);
          const index = firstFailedIndex(
            batch,
            { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) },
            (r) => r.seq,
          );
          expect(index).toBe(Math.min(...picks.map((p) => p % n)));
        },
      ),
    );
  });

  it('treats an identifier naming no record of the batch as a failure of the whole batch', () => {
    expect(firstFailedIndex(recs(3), { batchItemFailures: [{ itemIdentifier: 'nope' }] }, (r) => r.seq)).toBe(
      0,
    );
    expect(firstFailedIndex(recs(3), { batchItemFailures: [{}] }, (r) => r.seq)).toBe(0);
    expect(firstFailedIndex(recs(3), { batchItemFailures: [] }, (r) => r.seq)).toBeUndefined();
    expect(firstFailedIndex(recs(3), undefined, (r) => r.seq)).toBeUndefined();
  });

  it('delivers every record exactly once in order when failures always make progress', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        async (n, cuts) => {
          const batch = recs(n);
          const handled: string[] = [];
          const failAt = [...cuts];
          const handler = async (event: { Records: Rec[] }) => {
            const cut = failAt.shift();
            const upTo =
              cut === undefined ? event.Records.length : Math.max(1, cut % (event.Records.length + 1));
            handled.push(...event.Records.slice(0, upTo).map((r) => r.seq));
            const next = event.Records[upTo];
            return { batchItemFailures: next ? [{ itemIdentifier: next.seq }] : [] };
          };
          const last = await deliverBatch('m', source, 's', handler, batch, policy([]), () => false);
          expect(handled).toEqual(batch.map((r) => r.seq));
          expect(last).toBe(String(n));
        },
      ),
    );
  });

  it('hands the unprocessed rest to the on-failure hook after 1 + maxRetryAttempts failed attempts', async () => {
    const exhausted: ExhaustedBatch[] = [];
    let calls = 0;
    const handler = async (event: { Records: Rec[] }) => {
      calls += 1;
      const poison = event.Records.find((r) => r.seq === '3');
      return { batchItemFailures: poison ? [{ itemIdentifier: poison.seq }] : [] };
    };
    const last = await deliverBatch(
      'm',
      source,
      'shard-1',
      handler,
      recs(5),
      policy(exhausted, 2),
      () => false,
    );
    expect(calls).toBe(4);
    expect(exhausted).toHaveLength(1);
    expect(exhausted[0]).toMatchObject({
      shardId: 'shard-1',
      startSequenceNumber: '3',
      endSequenceNumber: '5',
      batchSize: 3,
      attempts: 3,
    });
    expect(last).toBe('5');
  });

  it('stops between attempts when the mapping stops, reporting only what was processed', async () => {
    let stopped = false;
    const handler = async (event: { Records: Rec[] }) => {
      stopped = true;
      return { batchItemFailures: [{ itemIdentifier: event.Records[2]!.seq }] };
    };
    expect(await deliverBatch('m', source, 's', handler, recs(5), policy([]), () => stopped)).toBe('2');
  });

  it('bisects a batch the handler throws for until the poison record is alone, and delivers the others', async () => {
    const exhausted: ExhaustedBatch[] = [];
    const delivered: string[] = [];
    const handler = async (event: { Records: Rec[] }) => {
      if (event.Records.some((r) => r.seq === '6')) throw new Error('poison');
      delivered.push(...event.Records.map((r) => r.seq));
    };
    const bisecting = { ...policy(exhausted, 1), bisectOnError: true };
    expect(await deliverBatch('m', source, 's', handler, recs(8), bisecting, () => false)).toBe('8');
    expect(delivered).toEqual(['1', '2', '3', '4', '5', '7', '8']);
    expect(exhausted.map((b) => [b.startSequenceNumber, b.batchSize, b.attempts])).toEqual([['6', 1, 2]]);
  });
  it('delivers the rest of a bisected batch that holds the same record twice (an at-least-once duplicate)', async () => {
    const [a, b, c, d] = recs(4);
    const delivered: string[] = [];
    let crashed = false;
    const handler = async (event: { Records: Rec[] }) => {
      if (!crashed) {
        crashed = true;
        throw new Error('crash');
      }
      delivered.push(...event.Records.map((r) => r.seq));
    };
    const bisecting = { ...policy([], 3), bisectOnError: true };
    const last = await deliverBatch('m', source, 's', handler, [a!, b!, a!, c!, d!], bisecting, () => false);
    expect(delivered).toEqual(['1', '2', '1', '3', '4']);
    expect(last).toBe('4');
  });

  it('deals with every record of a batch with duplicates and shuffles, whatever the crashes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 16 }),
        fc.array(fc.boolean(), { maxLength: 20 }),
        async (seqs, crashes) => {
          const batch = seqs.map((seq) => ({ seq: String(seq) }));
          const delivered = new Set<string>();
          const plan = [...crashes];
          const handler = async (event: { Records: Rec[] }) => {
            if (plan.shift()) throw new Error('crash');
            event.Records.forEach((r) => delivered.add(r.seq));
          };
          const exhausted: ExhaustedBatch[] = [];
          const bisecting = { ...policy(exhausted, 30), bisectOnError: true };
          const last = await deliverBatch('m', source, 's', handler, batch, bisecting, () => false);
          expect(exhausted).toEqual([]);
          expect([...delivered].sort()).toEqual([...new Set(seqs.map(String))].sort());
          expect(last).toBe(batch[batch.length - 1]!.seq);
        },
      ),
    );
  });
});

describe("the runtime's on-failure message", () => {
  it('has the shape Lambda sends to a stream mapping’s on-failure destination', async () => {
    const { onFailureMessage } = await import('../../../src/infrastructure/local/runtime/runtime-mappings');
    const batch: ExhaustedBatch = {
      mapping: 'projection-consumer',
      sourceKind: 'Kinesis',
      streamArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/p',
      shardId: 'shardId-000000000001',
      startSequenceNumber: '10',
      endSequenceNumber: '12',
      approximateArrivalOfFirstRecord: '2026-11-22T10:00:00.000Z',
      approximateArrivalOfLastRecord: '2026-11-22T10:00:01.000Z',
      batchSize: 3,
      attempts: 11,
      error: 'Error: boom',
    };
    const message = onFailureMessage(batch, 'projection-consumer');
    expect(message).toMatchObject({
      version: '1.0',
      requestContext: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: 11 },
      KinesisBatchInfo: {
        shardId: 'shardId-000000000001',
        startSequenceNumber: '10',
        endSequenceNumber: '12',
        batchSize: 3,
      },
    });
    expect(onFailureMessage({ ...batch, sourceKind: 'DDBStream' }, 'f')).toHaveProperty('DDBStreamBatchInfo');
  });
});
