import fc from 'fast-check';
import type { GateMove } from '../../src/projections/read-model-store';
import { RowChanges } from '../../src/projections/row-changes';
import type { ReadModelSubject } from './read-model-store-contract';

const mark = (version: number) => ({ version, error: 'boom', parkedAt: '2026-01-01T00:00:00.000Z' });

/** A stream's setup (gate version, parked or not) and how far off its move's `from` is (0: right). */
const stream = fc.record({
  version: fc.integer({ min: 0, max: 3 }),
  parked: fc.boolean(),
  off: fc.constantFrom(0, 0, 0, 1, -1),
  amount: fc.integer({ min: 1, max: 100 }),
});

/**
 * The joint commit and the batched gate read, for every store that has them: the gates of several streams move
 * with the merged rows all at once when every gate is where its move says and none is parked, else nothing is
 * written; the batched read returns what `readState` returns for each stream (version 0 for one never written).
 */
export function jointCommitContract(name: string, make: () => Promise<ReadModelSubject>, runs: number): void {
  describe(`joint commits (${name})`, () => {
    it('moves every gate with the rows, or nothing when one gate moved or is parked', async () => {
      const { store, reader, target } = await make();
      let table = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(stream, { minLength: 1, maxLength: 4 }), async (streams) => {
          table += 1;
          const ids = streams.map((_, i) => `J${table}#${i}`);
          for (const [i, s] of streams.entries()) {
            for (let v = 0; v < s.version; v += 1)
              await store.commit(target, ids[i]!, { from: v, to: v + 1, change: { kind: 'none' } });
            if (s.parked) await store.park(target, ids[i]!, s.version, mark(s.version + 1));
          }
          const before = await Promise.all(ids.map((id) => store.readState(target, id)));
          expect(await store.readStates!(target, [...ids, `J${table}#none`])).toEqual(
            new Map([...ids.map((id, i) => [id, before[i]] as const), [`J${table}#none`, { version: 0 }]]),
          );
          const moves: GateMove[] = streams.map((s, i) => ({
            streamId: ids[i]!,
            from: Math.max(0, s.version + s.off),
            to: Math.max(0, s.version + s.off) + 1,
          }));
          const rows = new RowChanges();
          rows.add(`total#${table}`, { sum: streams.reduce((n, s) => n + s.amount, 0) });
          const fits = streams.every((s, i) => !s.parked && moves[i]!.from === s.version);
          expect(await store.commitJoint!(target, moves, rows.list())).toBe(fits);
          const after = await Promise.all(ids.map((id) => store.readState(target, id)));
          expect(after).toEqual(fits ? before.map((b, i) => ({ ...b, version: moves[i]!.to })) : before);
          const row = await reader.row(target, `total#${table}`);
          expect(row).toEqual(fits ? { sum: streams.reduce((n, s) => n + s.amount, 0) } : undefined);
        }),
        { numRuns: runs },
      );
    });
  });
}
