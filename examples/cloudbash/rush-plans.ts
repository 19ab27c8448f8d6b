import fc from 'fast-check';
import type { RushPlan } from './ticket-rush';

/**
 * Rush plans: `buyers` buyers after the last `seats` seats of a concert, each trying one to three sets of one to
 * three seats (so they collide); half of them pay at once, a quarter only as their hold runs out, a quarter never.
 */
export function rushPlans(concertId: string, buyers: number, seats: number): fc.Arbitrary<RushPlan> {
  const seatSet = fc.uniqueArray(fc.integer({ min: 1, max: seats }), { minLength: 1, maxLength: 3 });
  const buyer = fc.record({
    wants: fc.array(seatSet, { minLength: 1, maxLength: 3 }),
    pays: fc.oneof(
      { arbitrary: fc.constant('now' as const), weight: 2 },
      { arbitrary: fc.constant('late' as const), weight: 1 },
      { arbitrary: fc.constant('never' as const), weight: 1 },
    ),
  });
  return fc
    .array(buyer, { minLength: buyers, maxLength: buyers })
    .map((list) => ({ concertId, seats, priceCents: 4_500, buyers: list }));
}

/** One plan drawn with a fixed seed, for a test that runs a single rush. */
export function samplePlan(concertId: string, buyers: number, seats: number, seed = 25): RushPlan {
  return fc.sample(rushPlans(concertId, buyers, seats), { seed, numRuns: 1 })[0]!;
}
