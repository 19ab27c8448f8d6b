import { marshall } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import type { EventItem } from '../../../src/infrastructure/dynamodb/event-store/event-item';
import { mergeShards, ShardCursor } from '../../../src/infrastructure/dynamodb/event-store/shard-merge';
import { timePositionOf } from '../../../src/infrastructure/dynamodb/event-store/time-index';

/** An events-table item at a commit time (ms after a base), stream and version. */
function item(ms: number, stream: string, version: number): EventItem {
  return marshall({
    streamId: stream,
    version,
    eventId: `${stream}-${version}`,
    type: 'T',
    schemaVersion: 1,
    data: {},
    metadata: {},
    committedAt: new Date(Date.UTC(2026, 10, 22, 12) + ms).toISOString(),
    commitId: 'c',
  });
}

/** A shard's items in time-index order, served in pages of the given size; counts the pages read. */
function pagedShard(
  items: EventItem[],
  pageSize: number,
  read: { pages: number },
): AsyncIterator<EventItem[]> {
  const pages = async function* () {
    for (let i = 0; i < items.length; i += pageSize) {
      read.pages += 1;
      yield items.slice(i, i + pageSize);
    }
  };
  return pages();
}

const shardsOf = fc.array(
  fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.constantFrom('A#1', 'B#2', 'C#3')), {
    maxLength: 40,
  }),
  { minLength: 1, maxLength: 8 },
);

describe('mergeShards', () => {
  it('returns the first `limit` events of all shards in time-index order, whatever the page sizes (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        shardsOf,
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 60 }),
        async (raw, pageSize, limit) => {
          // Each shard is sorted by its sort key, as the time index returns it; versions keep positions unique.
          const shards = raw.map((entries, shard) =>
            entries
              .map(([ms, stream], i) => item(ms, `${stream}-${shard}`, i + 1))
              .sort((a, b) => (key(a) < key(b) ? -1 : 1)),
          );
          const read = { pages: 0 };
          const merged = await mergeShards(
            shards.map((items) => new ShardCursor(pagedShard(items, pageSize, read))),
            limit,
          );
          const expected = shards.flat().map(key).sort().slice(0, limit);
          expect(merged.map((event) => timePositionOf(event))).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reads a shard further only when the merge used up its page', async () => {
    const read = { pages: 0 };
    const early = Array.from({ length: 30 }, (_, i) => item(i, 'E#1', i + 1));
    const late = Array.from({ length: 30 }, (_, i) => item(1_000 + i, 'L#1', i + 1));
    await mergeShards(
      [new ShardCursor(pagedShard(early, 10, read)), new ShardCursor(pagedShard(late, 10, read))],
      15,
    );
    // Two pages of the early shard, one (the first) of the late one.
    expect(read.pages).toBe(3);
  });
});

function key(event: EventItem): string {
  return `${event.committedAt!.S}!${event.streamId!.S}!${event.version!.N!.padStart(10, '0')}`;
}
