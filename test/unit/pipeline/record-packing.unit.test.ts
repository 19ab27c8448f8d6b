import fc from 'fast-check';
import { chunkIntoCalls } from '../../../src/infrastructure/kinesis/put-records-batches';
import {
  packRecords,
  RecordTooLargeError,
  recordSize,
} from '../../../src/infrastructure/kinesis/record-packing';
import type { RecordEnvelope } from '../../../src/infrastructure/kinesis/record-envelope';
import { interleave, storedEvent } from '../../int/pipeline/stored-events';

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const decode = (data: Uint8Array) => JSON.parse(new TextDecoder().decode(data)) as RecordEnvelope;

describe('packing events into Kinesis records', () => {
  it('puts consecutive events of one stream into records that respect the size limit and keep order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.nat({ max: 300 }), { minLength: 1, maxLength: 10 }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 700, max: 4_000 }),
        (pads, picks, maxBytes) => {
          const histories = pads.map((p, a) =>
            p.map((n, v) => storedEvent(`S#${a}`, v + 1, { pad: 'y'.repeat(n) })),
          );
          const packed = packRecords(interleave(histories, picks), { replayId: 'r1' }, maxBytes);
          histories.forEach((h, a) => {
            const records = packed.get(`S#${a}`) ?? [];
            expect(records.flatMap((r) => decode(r.data).events.map((e) => e.version))).toEqual(
              h.map((e) => e.version),
            );
            for (const r of records) {
              expect(recordSize(r)).toBeLessThanOrEqual(maxBytes);
              expect(r.partitionKey).toBe(`S#${a}`);
              expect(decode(r.data).replay).toEqual({ replayId: 'r1' });
            }
          });
        },
      ),
    );
  });

  it('encodes each record exactly as JSON.stringify of its envelope and fills it before starting the next', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 200 }), { minLength: 1, maxLength: 12 }),
        fc.option(
          fc.constantFrom({ replayId: 'r1' }, { replayId: 'r2', projection: 'p', slot: 'green' as const }),
        ),
        fc.integer({ min: 900, max: 3_000 }),
        (pads, tag, maxBytes) => {
          const replay = tag ?? undefined;
          const events = pads.map((pad, v) => storedEvent('S#1', v + 1, { pad }));
          const records = packRecords(events, replay, maxBytes).get('S#1') ?? [];
          records.forEach((r, i) => {
            const envelope = replay ? { v: 1, events: r.events, replay } : { v: 1, events: r.events };
            expect(new TextDecoder().decode(r.data)).toBe(JSON.stringify(envelope));
            const next = records[i + 1]?.events[0];
            if (next) {
              const grown = { ...envelope, events: [...r.events, next] };
              expect(recordSize({ partitionKey: 'S#1', data: encode(grown) })).toBeGreaterThan(maxBytes);
            }
          });
        },
      ),
    );
  });

  it('refuses an event that alone is larger than a record may be', () => {
    expect(() => packRecords([storedEvent('S#1', 1, { pad: 'z'.repeat(2_000) })], undefined, 1_000)).toThrow(
      RecordTooLargeError,
    );
  });
});

describe('splitting records into PutRecords calls', () => {
  it('keeps every call within the count and byte limits and keeps the order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 50 }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 7 }),
        (sizes, n) => {
          const records = sizes.map((size, i) => ({ partitionKey: `k${i}`, data: new Uint8Array(size) }));
          const calls = chunkIntoCalls(records, { recordsPerCall: n, bytesPerCall: 80 });
          expect(calls.flat()).toEqual(records);
          for (const call of calls) {
            expect(call.length).toBeLessThanOrEqual(n);
            expect(call.length).toBeGreaterThan(0);
            if (call.length > 1) expect(call.reduce((s, r) => s + recordSize(r), 0)).toBeLessThanOrEqual(80);
          }
        },
      ),
    );
  });

  it('uses the Kinesis limits by default: 500 records per call', () => {
    const records = Array.from({ length: 1_001 }, (_, i) => ({
      partitionKey: `k${i}`,
      data: new Uint8Array(1),
    }));
    expect(chunkIntoCalls(records).map((c) => c.length)).toEqual([500, 500, 1]);
  });
});
