import fc from 'fast-check';
import { CachedSubjectKeys } from '../../../src';
import { InMemorySubjectKeys } from '../../../src/testing';
import { ScheduledKeys } from '../../support/personal/scheduled-keys';

const call = fc.constantFrom('keyFor' as const, 'existingKey' as const, 'destroy' as const);
const hex = (key: Uint8Array | undefined) => (key ? Buffer.from(key).toString('hex') : 'none');

describe('a key cache under overlapping fetches and destroys', () => {
  it('ends holding what the keys table holds, never a destroyed key', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.array(call, { minLength: 1, maxLength: 3 }),
        fc.array(call, { minLength: 1, maxLength: 3 }),
        async (s, first, overlapping) => {
          const source = new ScheduledKeys(s, new InMemorySubjectKeys());
          const cache = new CachedSubjectKeys(source, { now: () => 0 });
          await source.table.keyFor('m1');
          // Each caller sends its calls one after the other, as a container's handlers do; the two callers overlap.
          const caller = async (calls: readonly string[]) => {
            for (const name of calls) await (cache as any)[name]('m1');
          };
          const both = Promise.all([caller(first), caller(overlapping)]);
          await s.waitFor(both);
          source.scheduled = false;
          expect(hex(await cache.existingKey('m1'))).toBe(hex(await source.table.existingKey('m1')));
        },
      ),
      { numRuns: Number(process.env.EVENTFOLD_KEY_CACHE_RUNS ?? 1000) },
    );
  });
});
