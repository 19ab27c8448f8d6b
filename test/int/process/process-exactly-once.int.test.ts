import fc from 'fast-check';
import { AggregateRepository, CommandBus, ProcessEventTypes, ProcessRunner } from '../../../src';
import type { StepTaken } from '../../../src';
import type { StoredEvent } from '../../../src/domain/stored-event';
import { DynamoDbEventStore } from '../../../src/infrastructure/dynamodb/event-store';
import { InMemoryProcessDeadLetters } from '../../../src';
import { InMemoryTimerScheduler, TestClock } from '../../../src/testing';
import { useDynamoDbFixture } from '../../support/dynamodb-fixture';
import { InjectedCrash } from '../pipeline/crashing-store';
import { seeded } from '../pipeline/delivery';
import { CrashingEventStore } from './crashing-event-store';
import { feeDomain, HoldExpiry, HoldFees } from '../../support/process/hold-domain';

/* Short form in `npm test`; `npm run test:processes` runs the long form. */
const RUNS = Number(process.env.EVENTFOLD_PROCESS_RUNS ?? 6);
const HOLDS = 4;

type Op =
  | { kind: 'place' | 'pay' | 'note'; hold: number }
  | { kind: 'advance'; minutes: number }
  | { kind: 'deliver'; stream: number; skip: boolean; duplicate: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({ kind: fc.constant('place' as const), hold: fc.nat({ max: HOLDS - 1 }) }),
    weight: 3,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('pay' as const), hold: fc.nat({ max: HOLDS - 1 }) }),
    weight: 2,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('advance' as const), minutes: fc.integer({ min: 1, max: 12 }) }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('deliver' as const),
      stream: fc.nat({ max: HOLDS - 1 }),
      skip: fc.boolean(),
      duplicate: fc.nat({ max: 3 }),
    }),
    weight: 4,
  },
);

const commandOf = { place: 'PlaceHold', pay: 'PayHold', note: 'NoteHold' } as const;

async function read(store: DynamoDbEventStore, streamId: string): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const event of store.readStream(streamId)) events.push(event);
  return events;
}

/** Retries what a crash interrupted, as Lambda and the scheduler redeliver; counts the crashes seen. */
async function untilDone(work: () => Promise<unknown>, stats: { retries: number }): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    try {
      await work();
      return;
    } catch (error) {
      if (!(error instanceof InjectedCrash)) throw error;
      stats.retries += 1;
    }
  }
  throw new Error('still crashing after 200 redeliveries');
}

describe('process managers on DynamoDB Local: exactly once under duplicates, reordering and crashes', () => {
  const ddb = useDynamoDbFixture({ tablePrefix: 'pm-' });
  const totals = {
    runs: 0,
    holds: 0,
    deliveries: 0,
    duplicates: 0,
    gaps: 0,
    crashes: 0,
    retries: 0,
    fired: 0,
  };
  let run = 0;

  afterAll(() => console.log(JSON.stringify(totals)));

  async function check(ops: Op[], seed: number): Promise<void> {
    run += 1;
    const prefix = `r${run}`;
    const clock = new TestClock();
    const store = new DynamoDbEventStore(ddb().client, { ...ddb().config, clock: () => clock.now() });
    const crashing = new CrashingEventStore(store, seeded(seed));
    const plainBus = new CommandBus(feeDomain, new AggregateRepository(store, undefined, feeDomain));
    const bus = new CommandBus(feeDomain, new AggregateRepository(crashing, undefined, feeDomain));
    const timers = new InMemoryTimerScheduler({ clock });
    const runner = new ProcessRunner({
      processes: [new HoldExpiry(), new HoldFees()],
      model: feeDomain,
      eventStore: crashing,
      commands: bus,
      timers,
      deadLetters: new InMemoryProcessDeadLetters(),
      retryDelayMs: 0,
    });
    timers.deliverTo(runner);
    await plainBus.dispatch('OpenLedger', { ledgerId: prefix });
    const holdIds = Array.from({ length: HOLDS }, (_, i) => `${prefix}-h${i}`);
    const delivered = new Map<string, number>();
    const stats = { retries: 0 };
    const deliver = async (event: StoredEvent) => {
      totals.deliveries += 1;
      await untilDone(() => runner.deliver({ events: [event] }), stats);
    };
    const deliverNext = async (holdId: string, skip: boolean) => {
      const events = await read(store, `Hold#${holdId}`);
      const at = delivered.get(holdId) ?? 0;
      // Later versions before earlier ones once the stream is known (the process fills the gap from the store).
      const pick = skip && at > 0 && events[at + 1] ? events[at + 1] : events[at];
      if (!pick) return;
      if (pick.version > at + 1) totals.gaps += 1;
      await deliver(pick);
      delivered.set(holdId, Math.max(at, pick.version));
    };
    const apply = async (step: Op) => {
      if (step.kind === 'place' || step.kind === 'pay' || step.kind === 'note') {
        const holdId = holdIds[step.hold] as string;
        const input = step.kind === 'place' ? { holdId, seats: ['A1'] } : { holdId };
        await plainBus.dispatch(commandOf[step.kind], input).catch(() => undefined);
      } else if (step.kind === 'advance') {
        await untilDone(() => timers.advance(step.minutes * 60_000), stats);
      } else if (step.kind === 'deliver') {
        const holdId = holdIds[step.stream] as string;
        await deliverNext(holdId, step.skip);
        const earlier = (await read(store, `Hold#${holdId}`)).slice(0, delivered.get(holdId) ?? 0);
        for (let i = 0; i < step.duplicate && earlier.length > 0; i += 1) {
          totals.duplicates += 1;
          await deliver(earlier[(seed + i) % earlier.length] as StoredEvent);
        }
      }
    };
    crashing.rate = 0.15;
    for (const step of ops) await apply(step);
    // Everything left is delivered, and the clock runs past every due time until nothing is left to do.
    for (let round = 0; round < 4; round += 1) {
      for (const holdId of holdIds) {
        for (const event of await read(store, `Hold#${holdId}`)) await deliver(event);
      }
      await untilDone(() => timers.advance('1h'), stats);
    }
    crashing.rate = 0;
    totals.crashes += crashing.crashes;
    totals.retries += stats.retries;
    totals.runs += 1;
    await expectExactlyOnce(store, prefix, holdIds);
  }

  async function expectExactlyOnce(store: DynamoDbEventStore, prefix: string, holdIds: string[]) {
    const charges = (await read(store, `Ledger#${prefix}`)).filter((e) => e.type === 'FeeCharged');
    for (const holdId of holdIds) {
      const hold = (await read(store, `Hold#${holdId}`)).map((e) => e.type);
      const steps = (await read(store, `Process.hold-expiry#${holdId}`))
        .filter((e) => e.type === ProcessEventTypes.stepTaken)
        .map((e) => e.data as unknown as StepTaken);
      const fired = steps.filter((s) => s.input.kind === 'timer');
      const cancelled = new Set(steps.flatMap((s) => s.decisions.cancel.map((c) => c.timerId)));
      const placed = hold.includes('HoldPlaced');
      if (placed) totals.holds += 1;
      totals.fired += fired.length;
      // Every command that should have been dispatched was, exactly once in effect.
      expect(charges.filter((e) => e.data.holdId === holdId)).toHaveLength(placed ? 1 : 0);
      expect(hold.filter((t) => t === 'HoldExpired').length).toBe(
        placed && !hold.includes('HoldPaid') ? 1 : 0,
      );
      // A timer fires at most once in effect, and a cancelled one never.
      expect(fired.length).toBeLessThanOrEqual(1);
      expect(fired.filter((s) => cancelled.has(s.input.id))).toEqual([]);
    }
  }

  it('fills a gap in a source stream from the store', async () => {
    const gapsBefore = totals.gaps;
    const deliverNext = (skip: boolean): Op => ({ kind: 'deliver', stream: 0, skip, duplicate: 0 });
    const notes: Op[] = [
      { kind: 'note', hold: 0 },
      { kind: 'note', hold: 0 },
    ];
    await check(
      [{ kind: 'place', hold: 0 }, deliverNext(false), ...notes, deliverNext(true), deliverNext(false)],
      7,
    );
    expect(totals.gaps).toBe(gapsBefore + 1);
  }, 60_000);

  it('dispatches every command exactly once and never fires a cancelled timer', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 10, maxLength: 40 }), fc.integer({ min: 1 }), check),
      { numRuns: RUNS },
    );
  }, 600_000);
});
