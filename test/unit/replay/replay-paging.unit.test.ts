import fc from 'fast-check';
import type { ReplayCursor } from '../../../src/application/replay/replay-cursor';
import { cursorFromToken, cursorToken, initialCursor } from '../../../src/application/replay/replay-cursor';
import type { ReplayMode } from '../../../src/application/replay/replay-mode';
import { eventBytes, readReplayPage } from '../../../src/application/replay/replay-page';
import type { StoredEvent } from '../../../src/domain/stored-event';
import { InMemoryEventStore } from '../../../src/testing/in-memory-event-store';

async function storeWith(
  commits: ReadonlyArray<ReadonlyArray<[number, number]>>,
): Promise<InMemoryEventStore> {
  const store = new InMemoryEventStore();
  const versions = new Map<string, number>();
  let n = 0;
  for (const [c, streams] of commits.entries()) {
    const byStream = new Map<string, number>();
    for (const [stream, count] of streams) byStream.set(`S#${stream}`, count);
    const appends = [...byStream].map(([streamId, count]) => {
      const expectedVersion = versions.get(streamId) ?? 0;
      versions.set(streamId, expectedVersion + count);
      const events = Array.from({ length: count }, () => ({
        eventId: `e${(n += 1)}`,
        type: 'T',
        schemaVersion: 1,
        data: { pad: 'x'.repeat(n % 50) },
      }));
      return { streamId, expectedVersion, events };
    });
    await store.commit({ commitId: `c${c}`, streams: appends });
  }
  return store;
}

async function drain(store: InMemoryEventStore, mode: ReplayMode, maxEvents: number, maxBytes: number) {
  const pages: StoredEvent[][] = [];
  let cursor: ReplayCursor = initialCursor(mode);
  for (let guard = 0; guard < 10_000; guard++) {
    const page = await readReplayPage(store, mode, cursor, { maxEvents, maxBytes });
    pages.push([...page.events]);
    expect(cursorFromToken(cursorToken(page.cursor))).toEqual(page.cursor);
    cursor = page.cursor;
    if (page.done) return pages;
  }
  throw new Error('the replay never ended');
}

const commits = fc.array(
  fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 4 })), {
    minLength: 1,
    maxLength: 5,
  }),
  {
    minLength: 1,
    maxLength: 12,
  },
);

describe('replay paging', () => {
  it('delivers every event of "all" once, in commit-time order, in pages within both limits', async () => {
    await fc.assert(
      fc.asyncProperty(
        commits,
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 400, max: 3_000 }),
        async (c, max, bytes) => {
          const store = await storeWith(c);
          const pages = await drain(store, { kind: 'all' }, max, bytes);
          const expected = (await store.readAll({ limit: 100_000 })).events;
          expect(pages.flat().map((e) => e.eventId)).toEqual(expected.map((e) => e.eventId));
          for (const page of pages) {
            expect(page.length).toBeLessThanOrEqual(max);
            if (page.length > 1)
              expect(page.reduce((sum, e) => sum + eventBytes(e), 0)).toBeLessThanOrEqual(bytes);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('delivers one aggregate in version order across pages', async () => {
    await fc.assert(
      fc.asyncProperty(commits, fc.integer({ min: 1, max: 5 }), async (c, max) => {
        const store = await storeWith(c);
        const streamId = `S#${c[0]![0]![0]}`;
        const pages = await drain(store, { kind: 'aggregate', streamId }, max, 5 * 1024 * 1024);
        const versions = pages.flat().map((e) => e.version);
        expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => i + 1));
        const all = [];
        for await (const e of store.readStream(streamId)) all.push(e);
        expect(versions.length).toBe(all.length);
      }),
      { numRuns: 40 },
    );
  });

  it('gives equal cursors equal tokens', () => {
    fc.assert(
      fc.property(fc.date({ noInvalidDate: true }), fc.string(), fc.nat(), (date, streamId, version) => {
        const a = { after: { committedAt: date.toISOString(), streamId, version } };
        const b = { after: { version, streamId, committedAt: date.toISOString() } };
        expect(cursorToken(a)).toBe(cursorToken(b));
      }),
    );
  });
});
