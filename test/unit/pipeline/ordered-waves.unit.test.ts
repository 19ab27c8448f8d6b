import fc from 'fast-check';
import { sendInWaves } from '../../../src/infrastructure/kinesis/ordered-waves';

interface Rec {
  readonly key: string;
  readonly n: number;
}

function queuesOf(lengths: number[]): Map<string, Rec[]> {
  return new Map(
    lengths.map((len, k) => [`k${k}`, Array.from({ length: len }, (_, n) => ({ key: `k${k}`, n }))]),
  );
}

describe('sending records in ordered waves', () => {
  it('acknowledges each key in queue order exactly once, and leaves only suffixes when it gives up', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 6 }),
        async (lengths, failures, maxAttempts) => {
          const acknowledged = new Map<string, number[]>();
          let draw = 0;
          const outcome = await sendInWaves(
            queuesOf(lengths),
            async (wave) => {
              expect(new Set(wave.map((r) => r.key)).size).toBe(wave.length);
              const failed = new Set(wave.filter(() => failures[draw++ % failures.length]));
              for (const r of wave.filter((x) => !failed.has(x))) {
                acknowledged.set(r.key, [...(acknowledged.get(r.key) ?? []), r.n]);
              }
              return { failed, fatal: false };
            },
            { maxAttempts, pause: async () => undefined },
          );
          const remaining = outcome.done ? [] : outcome.remaining;
          lengths.forEach((len, k) => {
            const acked = acknowledged.get(`k${k}`) ?? [];
            expect(acked).toEqual(Array.from({ length: acked.length }, (_, n) => n));
            const rest = remaining.filter((r) => r.key === `k${k}`).map((r) => r.n);
            expect([...acked, ...rest]).toEqual(Array.from({ length: len }, (_, n) => n));
          });
        },
      ),
    );
  });

  it('stops at once on a fatal error and names everything not acknowledged', async () => {
    const outcome = await sendInWaves(
      queuesOf([2, 1]),
      async (wave) => ({ failed: new Set(wave), fatal: true, error: new Error('no such stream') }),
      { maxAttempts: 10, pause: async () => undefined },
    );
    expect(outcome).toMatchObject({
      done: false,
      failedRounds: 1,
      remaining: [{ n: 0 }, { n: 1 }, { n: 0 }],
    });
  });
});
