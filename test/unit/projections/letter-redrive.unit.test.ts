import fc from 'fast-check';
import { InMemoryProcessDeadLetters } from '../../../src/application/process/process-redrive';
import { InMemoryLetters, type LetterOutcome, redriveLetters } from '../../../src/projections/letter-redrive';
import { InMemoryDeadLetters } from '../../../src/projections/redrive';

interface Letter {
  readonly key: string;
  readonly outcome: LetterOutcome;
}

const letters = fc.array(
  fc.record({
    key: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
    outcome: fc.constantFrom<LetterOutcome>('released', 'failed-again', 'stale'),
  }),
  { maxLength: 40 },
);

describe('the redrive loop shared by projections and process managers', () => {
  it('releases each key once, defers its repeats, and leaves them visible again', async () => {
    await fc.assert(
      fc.asyncProperty(
        letters,
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 12 }),
        async (sent, maxLetters, batch) => {
          const queue = new InMemoryLetters<Letter>('t');
          for (const letter of sent) await queue.send(letter);
          const released: Letter[] = [];
          const redriver = {
            keyOf: (l: Letter) => l.key,
            release: async (l: Letter) => (released.push(l), l.outcome),
          };
          const report = await redriveLetters(redriver, queue, { maxLetters, batch });
          const received = Math.min(sent.length, maxLetters);
          const seen = sent.slice(0, received);
          const keys = new Set(released.map((l) => l.key));
          expect(keys.size).toBe(released.length);
          expect(report).toEqual({
            received,
            released: released.filter((l) => l.outcome === 'released').length,
            failedAgain: released.filter((l) => l.outcome === 'failed-again').length,
            stale: released.filter((l) => l.outcome === 'stale').length,
            deferred: received - released.length,
          });
          expect(released).toEqual(seen.filter((l, i) => seen.findIndex((o) => o.key === l.key) === i));
          expect(queue.letters).toHaveLength(sent.length - released.length);
          expect(await queue.receive(100)).toHaveLength(sent.length - released.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('backs the projections and the process managers with the same in-memory queue', async () => {
    for (const queue of [new InMemoryDeadLetters(), new InMemoryProcessDeadLetters()]) {
      expect(queue).toBeInstanceOf(InMemoryLetters);
      await queue.send({ streamId: 'S#1' } as never);
      const [first] = await queue.receive(10);
      expect(await queue.receive(10)).toEqual([]);
      await queue.giveBack(first!.receipt);
      expect(await queue.receive(10)).toHaveLength(1);
      await queue.remove(first!.receipt);
      expect(queue.letters).toEqual([]);
    }
  });
});
