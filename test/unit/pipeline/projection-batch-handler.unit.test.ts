import type { KinesisStreamEvent } from 'aws-lambda';
import {
  decodeRecord,
  handleProjectionBatch,
} from '../../../src/infrastructure/kinesis/projection-batch-handler';
import { FixedPointerStore } from '../../../src/projections/fixed-pointer-store';
import { kinesisEventOf } from '../../support/kinesis-events';
import { harness } from '../projections/runner-harness';
import { AccountDocuments, Deposited, Opened, sampleRegistry } from '../projections/sample-projections';

const registry = sampleRegistry();
const blue = { projection: 'sample-accounts', slot: 'blue' } as const;

function withData(event: KinesisStreamEvent, index: number, data: string): KinesisStreamEvent {
  const records = event.Records.map((r, i) =>
    i === index ? { ...r, kinesis: { ...r.kinesis, data: Buffer.from(data).toString('base64') } } : r,
  );
  return { Records: records };
}

describe('projection batch handler', () => {
  it('decodes envelopes and refuses records that are not well-formed envelopes', () => {
    const h = harness([new AccountDocuments()], registry);
    const event = kinesisEventOf([h.events.append(registry, 'Acc#1', new Opened('ann'))]);
    expect(decodeRecord(event.Records[0]!)?.events.map((e) => e.version)).toEqual([1]);
    for (const bad of ['not json', '{"v":2,"events":[]}', '{"v":1,"events":[{"streamId":"A#1"}]}']) {
      expect(decodeRecord(withData(event, 0, bad).Records[0]!)).toBeUndefined();
    }
  });

  it('skips a malformed record and applies the rest', async () => {
    const h = harness([new AccountDocuments()], registry);
    const events = [new Opened('ann'), new Deposited(4)].map((e) => h.events.append(registry, 'Acc#1', e));
    const batch = withData(kinesisEventOf([events[0]!, events[1]!]), 0, 'garbage');
    const split = { Records: [...batch.Records, ...kinesisEventOf([events[1]!]).Records] };
    const response = await handleProjectionBatch(split, {
      runner: h.runner,
      pointers: new FixedPointerStore(),
    });
    expect(response.batchItemFailures).toEqual([]);
    expect((await h.store.readState(blue, 'Acc#1')).version).toBe(2);
  });

  it('reports the earliest record that failed and still applies other streams', async () => {
    const h = harness([new AccountDocuments()], registry);
    const a = h.events.append(registry, 'Acc#a', new Opened('ann'));
    const b = h.events.append(registry, 'Acc#b', new Opened('bob'));
    const c = h.events.append(registry, 'Acc#c', new Opened('cid'));
    const commit = h.store.commit.bind(h.store);
    h.store.commit = async (target, streamId, step) => {
      if (streamId === 'Acc#b') throw new Error('throttled');
      return commit(target, streamId, step);
    };
    const event = { Records: [a, b, c].flatMap((e) => kinesisEventOf([e]).Records) };
    const response = await handleProjectionBatch(event, {
      runner: h.runner,
      pointers: new FixedPointerStore(),
    });
    expect(response.batchItemFailures).toEqual([
      { itemIdentifier: event.Records[1]!.kinesis.sequenceNumber },
    ]);
    expect((await h.store.readState(blue, 'Acc#a')).version).toBe(1);
    expect((await h.store.readState(blue, 'Acc#b')).version).toBe(0);
  });
});
