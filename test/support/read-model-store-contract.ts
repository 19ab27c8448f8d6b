import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { hasErrorCode } from '../../src/domain/errors';
import type {
  GateStep,
  ReadModelReader,
  ReadModelStore,
  ReadModelTarget,
} from '../../src/projections/read-model-store';
import { RowChanges } from '../../src/projections/row-changes';
import type { KeyedRow } from '../../src/projections/row-query';

/** A store and its reader over one fresh, empty projection table. */
export interface ReadModelSubject {
  readonly store: ReadModelStore;
  readonly reader: ReadModelReader;
  readonly target: ReadModelTarget;
}

/** Options of the contract. */
export interface ReadModelContractOptions {
  /** Runs of the row-paging property; default 60. */
  readonly pagingRuns?: number;
}

const step = (from: number, change: GateStep['change'] = { kind: 'none' }): GateStep => ({
  from,
  to: from + 1,
  change,
});
const rowStep = (from: number, build: (rows: RowChanges) => void): GateStep => {
  const rows = new RowChanges();
  build(rows);
  return step(from, { kind: 'rows', rows: rows.list() });
};
const mark = (version: number) => ({ version, error: 'boom', parkedAt: '2026-01-01T00:00:00.000Z' });

async function allPages(subject: ReadModelSubject, prefix: string, limit: number): Promise<KeyedRow[][]> {
  const pages: KeyedRow[][] = [];
  let cursor: string | undefined;
  do {
    const page = await subject.reader.rows(subject.target, { prefix, limit, cursor });
    pages.push([...page.rows]);
    cursor = page.cursor;
  } while (cursor !== undefined && pages.length < 1000);
  return pages;
}

/**
 * The read-model store's contract, run against every adapter (in memory, DynamoDB): the version gate moves only
 * from where it is and together with its change, parking holds a stream, rows add up, and row pages by prefix
 * return every matching row once. "In memory" cannot quietly mean "different".
 * @example
 * readModelStoreContract('in memory', async () => { const s = new InMemoryReadModelStore(); return { store: s, reader: s, target }; });
 */
export function readModelStoreContract(
  name: string,
  make: () => Promise<ReadModelSubject>,
  options: ReadModelContractOptions = {},
): void {
  describe(`read-model store contract: ${name}`, () => {
    it('moves the gate only from the version it is at', async () => {
      const { store, target } = await make();
      expect(await store.commit(target, 'A#1', step(0))).toBe(true);
      expect(await store.commit(target, 'A#1', step(0))).toBe(false);
      expect(await store.commit(target, 'A#1', step(2))).toBe(false);
      expect(await store.commit(target, 'A#1', step(1))).toBe(true);
      expect((await store.readState(target, 'A#1')).version).toBe(2);
      expect((await store.readState(target, 'A#2')).version).toBe(0);
    });

    it('keeps a document with its gate, keeps it across steps without a change, and removes it', async () => {
      const { store, reader, target } = await make();
      await store.commit(target, 'A#1', step(0, { kind: 'document', document: { n: 1, tags: ['x'] } }));
      await store.commit(target, 'A#1', step(1));
      expect(await reader.document(target, 'A#1')).toEqual({ n: 1, tags: ['x'] });
      expect(await store.readState(target, 'A#1')).toMatchObject({ version: 2, document: { n: 1 } });
      await store.commit(target, 'A#1', step(2, { kind: 'document', document: undefined }));
      expect(await reader.document(target, 'A#1')).toBeUndefined();
      expect((await store.readState(target, 'A#1')).version).toBe(3);
    });

    it('parks a stream once at its version and holds every step but the release of that version', async () => {
      const { store, target } = await make();
      await store.commit(target, 'A#1', step(0));
      expect(await store.park(target, 'A#1', 0, mark(1))).toBe(false);
      expect(await store.park(target, 'A#1', 1, mark(2))).toBe(true);
      expect(await store.park(target, 'A#1', 1, mark(2))).toBe(false);
      expect((await store.readState(target, 'A#1')).parked).toMatchObject({ version: 2, error: 'boom' });
      expect(await store.commit(target, 'A#1', step(1))).toBe(false);
      expect(await store.commit(target, 'A#1', { ...step(1), releases: 3 })).toBe(false);
      expect(await store.commit(target, 'A#1', { ...step(1), releases: 2 })).toBe(true);
      const released = await store.readState(target, 'A#1');
      expect([released.version, released.parked]).toEqual([2, undefined]);
      expect(await store.commit(target, 'A#2', { ...step(0), releases: 1 })).toBe(false);
    });

    it('adds to rows, sets and removes them in the step that moves the gate, and not in a refused step', async () => {
      const { store, reader, target } = await make();
      await store.commit(
        target,
        'A#1',
        rowStep(0, (r) => r.add('day#1', { paid: 5, count: 1 })),
      );
      await store.commit(
        target,
        'A#2',
        rowStep(0, (r) => r.add('day#1', { paid: 7, count: 1 }).set('k', { a: 'x' })),
      );
      expect(
        await store.commit(
          target,
          'A#2',
          rowStep(0, (r) => r.add('day#1', { paid: 100 })),
        ),
      ).toBe(false);
      expect(await reader.row(target, 'day#1')).toEqual({ paid: 12, count: 2 });
      await store.commit(
        target,
        'A#1',
        rowStep(1, (r) => r.remove('k')),
      );
      expect(await reader.row(target, 'k')).toBeUndefined();
      expect((await reader.dump(target)).rows).toEqual({ 'day#1': { paid: 12, count: 2 } });
    });

    it('pages through the rows of a key prefix: every matching row once, no other, no page over the limit', async () => {
      const subject = await make();
      const keys = fc.uniqueArray(fc.stringMatching(/^[ab#é]{1,4}$/), { maxLength: 30 });
      await fc.assert(
        fc.asyncProperty(
          keys,
          fc.stringMatching(/^[ab#é]{0,2}$/),
          fc.integer({ min: 1, max: 7 }),
          async (ks, prefix, limit) => {
            const run = `${randomUUID().slice(0, 8)}:`;
            await subject.store.commit(
              subject.target,
              `Run#${run}`,
              rowStep(0, (r) => ks.forEach((k, i) => r.set(run + k, { i }))),
            );
            const pages = await allPages(subject, run + prefix, limit);
            const seen = pages.flat();
            expect(pages.every((page) => page.length <= limit)).toBe(true);
            expect(seen.map((r) => r.key).sort()).toEqual(
              ks
                .filter((k) => k.startsWith(prefix))
                .map((k) => run + k)
                .sort(),
            );
            for (const { key, row } of seen) expect(row).toEqual({ i: ks.indexOf(key.slice(run.length)) });
          },
        ),
        { numRuns: options.pagingRuns ?? 60 },
      );
    });

    it('refuses a cursor it did not make with VALIDATION_FAILED naming the cursor', async () => {
      const { reader, target } = await make();
      await fc.assert(
        fc.asyncProperty(fc.string(), async (cursor) => {
          const error = await reader.rows(target, { limit: 5, cursor }).then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(hasErrorCode(error, 'VALIDATION_FAILED')).toBe(true);
        }),
        { numRuns: 50 },
      );
    });
  });
}
