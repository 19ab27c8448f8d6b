import fc from 'fast-check';
import type { TimerFired, TimerRequest } from '../../../src';
import { InMemoryTimerScheduler, TestClock } from '../../../src/testing';

type Op =
  | { kind: 'schedule'; id: number; offset: number; followUp: number | null }
  | { kind: 'cancel'; id: number }
  | { kind: 'advance'; by: number | string };

const minute = 60_000;
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('schedule' as const),
    id: fc.nat(12),
    offset: fc.integer({ min: -30, max: 180 }).map((m) => m * minute),
    followUp: fc.option(fc.integer({ min: 0, max: 90 }).map((m) => m * minute)),
  }),
  fc.record({ kind: fc.constant('cancel' as const), id: fc.nat(12) }),
  fc.record({
    kind: fc.constant('advance' as const),
    by: fc.oneof(
      fc.integer({ min: 0, max: 120 * minute }),
      fc.constantFrom('0s', '15m', '1h', '1h30m', '30s'),
    ),
  }),
);

function timer(id: string, dueAt: number, followUp: number | null): TimerRequest {
  const payload = followUp === null ? undefined : { followUp };
  return {
    timerId: id,
    process: 'p',
    processId: 'x',
    name: 'n',
    dueAt: new Date(dueAt).toISOString(),
    payload,
  };
}

interface Delivery {
  readonly fired: TimerFired;
  readonly at: number;
  readonly step: number;
}

/** Runs a program, recording each delivery with the clock the handler saw; follow-ups are scheduled from it. */
async function run(ops: readonly Op[]) {
  const clock = new TestClock();
  const scheduler = new InMemoryTimerScheduler({ clock });
  const deliveries: Delivery[] = [];
  const cancelledAt = new Map<string, number>();
  const scheduled = new Set<string>();
  let step = 0;
  scheduler.deliverTo({
    async onTimerFired(fired) {
      deliveries.push({ fired, at: clock.now().getTime(), step });
      const followUp = fired.payload?.followUp;
      if (typeof followUp === 'number') {
        const id = `${fired.timerId}/next`;
        scheduled.add(id);
        await scheduler.schedule(timer(id, clock.now().getTime() + followUp, null));
      }
    },
  });
  const bounds: { start: number; end: number }[] = [];
  for (const o of ops) {
    if (o.kind === 'schedule') {
      const id = `t${o.id}`;
      if (!cancelledAt.has(id) && !deliveries.some((d) => d.fired.timerId === id)) scheduled.add(id);
      await scheduler.schedule(timer(id, clock.now().getTime() + o.offset, o.followUp));
    } else if (o.kind === 'cancel') {
      if (scheduler.pending().some((t) => t.timerId === `t${o.id}`))
        cancelledAt.set(`t${o.id}`, deliveries.length);
      await scheduler.cancel(`t${o.id}`);
    } else {
      const start = clock.now().getTime();
      await scheduler.advance(o.by);
      bounds[step++] = { start, end: clock.now().getTime() };
      const overdue = scheduler.pending().filter((t) => Date.parse(t.dueAt) <= clock.now().getTime());
      if (overdue.length > 0)
        throw new Error(`left due timers pending: ${overdue.map((t) => t.timerId).join()}`);
    }
  }
  const start = clock.now().getTime();
  await scheduler.advance('30d');
  bounds[step] = { start, end: clock.now().getTime() };
  return { deliveries, cancelledAt, scheduled, bounds, pending: scheduler.pending() };
}

describe('InMemoryTimerScheduler', () => {
  it('fires every due, uncancelled timer exactly once, in due order, never early', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 40 }), async (ops) => {
        const { deliveries, cancelledAt, scheduled, bounds, pending } = await run(ops);
        const ids = deliveries.map((d) => d.fired.timerId);
        expect(new Set(ids).size).toBe(ids.length);
        for (const [index, d] of deliveries.entries()) {
          const due = Date.parse(d.fired.dueAt);
          expect(d.at).toBeGreaterThanOrEqual(due);
          expect(d.at).toBe(Math.max(due, bounds[d.step]?.start ?? 0));
          expect(due).toBeLessThanOrEqual(bounds[d.step]?.end ?? 0);
          expect(cancelledAt.has(d.fired.timerId) && (cancelledAt.get(d.fired.timerId) ?? 0) <= index).toBe(
            false,
          );
          const before = deliveries[index - 1];
          if (before?.step === d.step) expect(d.at).toBeGreaterThanOrEqual(before.at);
        }
        const expected = [...scheduled].filter((id) => !cancelledAt.has(id)).sort();
        expect([...ids].sort()).toEqual(expected);
        expect(pending).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('delivers a timer again after its handler threw, and a cancelled one never', async () => {
    const scheduler = new InMemoryTimerScheduler();
    const seen: string[] = [];
    let failOnce = true;
    scheduler.deliverTo({
      onTimerFired(fired) {
        seen.push(fired.timerId);
        if (failOnce) {
          failOnce = false;
          return Promise.reject(new Error('crash'));
        }
        return Promise.resolve();
      },
    });
    const now = scheduler.clock.now().getTime();
    await scheduler.schedule(timer('a', now + minute, null));
    await scheduler.schedule(timer('b', now + 2 * minute, null));
    await scheduler.cancel('b');
    await expect(scheduler.advance('5m')).rejects.toThrow('crash');
    await scheduler.advance(0);
    expect(seen).toEqual(['a', 'a']);
    expect(scheduler.fired().map((t) => t.timerId)).toEqual(['a']);
  });

  it('refuses a timer whose dueAt is not a date, as a 400', async () => {
    const scheduler = new InMemoryTimerScheduler();
    await expect(scheduler.schedule({ ...timer('a', 0, null), dueAt: 'soon' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      httpStatus: 400,
    });
    expect(scheduler.pending()).toEqual([]);
  });

  it('moves its clock to a date with advanceTo, firing what falls due', async () => {
    const clock = new TestClock('2026-03-01T00:00:00Z');
    const fired: string[] = [];
    const scheduler = new InMemoryTimerScheduler({
      clock,
      handler: { onTimerFired: async (t) => void fired.push(t.timerId) },
    });
    await scheduler.schedule(timer('late', Date.parse('2026-03-01T02:00:00Z'), null));
    await scheduler.schedule(timer('early', Date.parse('2026-03-01T01:00:00Z'), null));
    await scheduler.advanceTo('2026-03-01T01:30:00Z');
    expect([fired, clock.now().toISOString()]).toEqual([['early'], '2026-03-01T01:30:00.000Z']);
  });
});
