import type { KinesisStreamEvent } from 'aws-lambda';
import {
  decodeRecord,
  handleProjectionBatch,
} from '../../../src/infrastructure/kinesis/projection-batch-handler';
import { FixedPointerStore } from '../../../src/projections/fixed-pointer-store';
import { kinesisEventOf } from '../../support/kinesis-events';
import { harness } from '../../support/projections/runner-harness';
import {
  AccountDocuments,
  accountsBlue,
  Deposited,
  Opened,
} from '../../support/projections/sample-projections';

function withData(event: KinesisStreamEvent, index: number, data: string): KinesisStreamEvent {
  const records = event.Records.map((r, i) =>
    i === index ? { ...r, kinesis: { ...r.kinesis, data: Buffer.from(data).toString('base64') } } : r,
  );
  return { Records: records };
}

describe('projection batch handler', () => {
  it('decodes envelopes and refuses records that are not well-formed envelopes', () => {
    const h = harness([new AccountDocuments()]);
    const event = kinesisEventOf(h.append('Acc#1', new Opened('ann')));
    expect(decodeRecord(event.Records[0]!)?.events.map((e) => e.version)).toEqual([1]);
    for (const bad of ['not json', '{"v":2,"events":[]}', '{"v":1,"events":[{"streamId":"A#1"}]}']) {
      expect(decodeRecord(withData(event, 0, bad).Records[0]!)).toBeUndefined();
    }
  });

  it('skips a malformed record and applies the rest', async () => {
    const h = harness([new AccountDocuments()]);
    const events = h.append('Acc#1', new Opened('ann'), new Deposited(4));
    const batch = withData(kinesisEventOf([events[0]!, events[1]!]), 0, 'garbage');
    const split = { Records: [...batch.Records, ...kinesisEventOf([events[1]!]).Records] };
    const response = await handleProjectionBatch(split, {
      runner: h.runner,
      pointers: new FixedPointerStore(),
    });
    expect(response.batchItemFailures).toEqual([]);
    expect((await h.store.readState(accountsBlue, 'Acc#1')).version).toBe(2);
  });

  it('reports the earliest record that failed and still applies other streams', async () => {
    const h = harness([new AccountDocuments()]);
    const stored = [
      h.append('Acc#a', new Opened('ann')),
      h.append('Acc#b', new Opened('bob')),
      h.append('Acc#c', new Opened('cid')),
    ];
    const commit = h.store.commit.bind(h.store);
    h.store.commit = async (target, streamId, step) => {
      if (streamId === 'Acc#b') throw new Error('throttled');
      return commit(target, streamId, step);
    };
    const event = { Records: stored.flatMap((events) => kinesisEventOf(events).Records) };
    const response = await handleProjectionBatch(event, {
      runner: h.runner,
      pointers: new FixedPointerStore(),
    });
    expect(response.batchItemFailures).toEqual([
      { itemIdentifier: event.Records[1]!.kinesis.sequenceNumber },
    ]);
    expect((await h.store.readState(accountsBlue, 'Acc#a')).version).toBe(1);
    expect((await h.store.readState(accountsBlue, 'Acc#b')).version).toBe(0);
  });
});
