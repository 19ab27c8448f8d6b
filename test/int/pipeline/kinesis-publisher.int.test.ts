import type { KinesisClient } from '@aws-sdk/client-kinesis';
import fc from 'fast-check';
import type { StoredEvent } from '../../../src/domain/stored-event';
import { createKinesisClient } from '../../../src/infrastructure/aws/clients';
import { KinesisPublisher } from '../../../src/infrastructure/kinesis/kinesis-publisher';
import { isPublishIncomplete } from '../../../src/infrastructure/kinesis/publish-errors';
import type { RecordEnvelope } from '../../../src/infrastructure/kinesis/record-envelope';
import { startKinesalite, type KinesaliteServer } from '../../../src/infrastructure/local/kinesalite-server';
import { createStream, injectPutRecordsFaults, readAllShards } from '../../support/kinesis-fixture';
import { interleave, storedEvent } from './stored-events';

const decoder = new TextDecoder();

async function publishedPerStream(client: KinesisClient, name: string): Promise<Map<string, number[]>> {
  const perStream = new Map<string, number[]>();
  for (const records of (await readAllShards(client, name)).values()) {
    for (const record of records) {
      const envelope = JSON.parse(decoder.decode(record.Data)) as RecordEnvelope;
      expect(new Set(envelope.events.map((e) => e.streamId))).toEqual(new Set([record.PartitionKey]));
      for (const event of envelope.events) {
        perStream.set(event.streamId, [...(perStream.get(event.streamId) ?? []), event.version]);
      }
    }
  }
  return perStream;
}

describe('KinesisPublisher against kinesalite', () => {
  let kinesis: KinesaliteServer;
  let stream = 0;

  beforeAll(async () => {
    kinesis = await startKinesalite();
  }, 30_000);

  afterAll(() => kinesis?.stop());

  it('publishes every event once and in version order per stream while entries fail at random', async () => {
    let injected = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        async (lengths, picks, seed) => {
          const client = createKinesisClient({ region: 'us-east-1', kinesis: kinesis.endpoint });
          const name = `pub-${(stream += 1)}`;
          await createStream(client, name, 3);
          const histories = lengths.map((n, a) =>
            Array.from({ length: n }, (_, v) => storedEvent(`Acc#${a}`, v + 1, { pad: 'x'.repeat(v * 40) })),
          );
          let state = seed;
          const random = () => (state = (state * 48271) % 2147483647) / 2147483647;
          const stats = injectPutRecordsFaults(client, random, {
            entryFailureRate: 0.4,
            callFailureRate: 0.1,
          });
          // A small record limit forces several records per stream, so ordering across records is exercised.
          const publisher = new KinesisPublisher(client, name, {
            maxAttempts: 60,
            maxRecordBytes: 1_200,
            sleep: async () => undefined,
          });
          await publisher.publish(interleave(histories, picks));
          injected += stats.entriesFailed;
          const published = await publishedPerStream(client, name);
          histories.forEach((h, a) => expect(published.get(`Acc#${a}`)).toEqual(h.map((e) => e.version)));
          client.destroy();
        },
      ),
      { numRuns: 25 },
    );
    expect(injected).toBeGreaterThan(0);
  }, 120_000);

  it('names exactly the unpublished suffix of each stream when it gives up', async () => {
    const client = createKinesisClient({ region: 'us-east-1', kinesis: kinesis.endpoint });
    await createStream(client, 'give-up', 2);
    const events: StoredEvent[] = [1, 2, 3].map((v) => storedEvent('Acc#1', v));
    injectPutRecordsFaults(client, () => 0, { entryFailureRate: 1 });
    const publisher = new KinesisPublisher(client, 'give-up', {
      maxAttempts: 3,
      sleep: async () => undefined,
    });
    const error = await publisher.publish(events).catch((e: unknown) => e);
    expect(isPublishIncomplete(error)).toBe(true);
    expect(isPublishIncomplete(error) && error.unpublished.map((e) => e.version)).toEqual([1, 2, 3]);
    expect((await publishedPerStream(client, 'give-up')).size).toBe(0);
    client.destroy();
  });
});
