import fc from 'fast-check';
import { InMemoryReadModelStore } from '../../../src/projections/in-memory-read-model-store';
import type {
  GateRead,
  GateStep,
  ParkedMark,
  ReadModelTarget,
  StreamState,
} from '../../../src/projections/read-model-store';
import { redrive } from '../../../src/projections/redrive';
import { harness } from '../../support/projections/runner-harness';
import {
  AccountDocuments,
  accountsBlue,
  DailyTotals,
  Deposited,
  Opened,
  totalsBlue,
  Withdrawn,
} from '../../support/projections/sample-projections';

/**
 * The in-memory store, but an eventually consistent read may answer any state the gate has had (never one
 * ahead of it), picked by `lag`: what DynamoDB's eventually consistent reads may do. Counts both kinds of read.
 */
class LaggingStore extends InMemoryReadModelStore {
  readonly reads = { strong: 0, eventual: 0 };
  private readonly seen = new Map<string, StreamState[]>();
  lag: (choices: number) => number = (choices) => choices - 1;

  override async readState(target: ReadModelTarget, streamId: string, read: GateRead = 'strong') {
    this.reads[read] += 1;
    if (read === 'strong') return super.readState(target, streamId);
    const states = this.seen.get(streamId) ?? [{ version: 0 }];
    return { ...(states[this.lag(states.length)] as StreamState), unconfirmed: true as const };
  }

  override async commit(target: ReadModelTarget, streamId: string, step: GateStep) {
    return this.remember(target, streamId, await super.commit(target, streamId, step));
  }

  override async park(target: ReadModelTarget, streamId: string, expected: number, mark: ParkedMark) {
    return this.remember(target, streamId, await super.park(target, streamId, expected, mark));
  }

  private async remember(target: ReadModelTarget, streamId: string, written: boolean) {
    const states = this.seen.get(streamId) ?? [{ version: 0 }];
    states.push(await super.readState(target, streamId));
    this.seen.set(streamId, states);
    return written;
  }
}

function lagging(projection = new AccountDocuments()) {
  return { ...harness([projection], { store: new LaggingStore() }), projection };
}

describe('cheap gate reads', () => {
  it('reads no gate for a stream first event and one eventually consistent gate for a later one', async () => {
    const h = lagging();
    const [e1, e2, e3] = h.append('Acc#1', new Opened('ann'), new Deposited(10), new Deposited(5));
    await h.runner.deliver({ events: [e1!] });
    expect(h.store.reads).toEqual({ strong: 0, eventual: 0 });
    await h.runner.deliver({ events: [e2!] });
    await h.runner.deliver({ events: [e3!] });
    expect(h.store.reads).toEqual({ strong: 0, eventual: 2 });
    expect((await h.store.readState(accountsBlue, 'Acc#1')).version).toBe(3);
  });

  it('applies every event once whatever state the cheap reads answer: duplicates, gaps, a parked event', () =>
    fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 2, maxLength: 6 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 12 }),
        fc.option(fc.nat()),
        fc.infiniteStream(fc.nat()),
        async (amounts, schedule, poison, lags) => {
          const h = lagging();
          h.store.lag = (choices) => (lags.next().value as number) % choices;
          const events = h.append('Acc#1', new Opened('ann'), ...amounts.map((a) => new Deposited(a)));
          if (poison !== null) h.projection.poisoned.add(`Acc#1@${2 + (poison % amounts.length)}`);
          for (const [from, length] of schedule) {
            const start = from % events.length;
            await h.runner.deliver({ events: events.slice(start, start + 1 + (length % 3)) });
          }
          await h.runner.deliver({ events: [events[events.length - 1]!] });
          h.projection.poisoned.clear();
          await redrive(h.runner, h.deadLetters);
          // After a release, a cheap read may still answer the parked state: the event must not be held by it.
          await h.runner.deliver({ events: h.append('Acc#1', new Deposited(1)) });
          const total = amounts.reduce((sum, a) => sum + a, 1);
          expect(await h.store.readState(accountsBlue, 'Acc#1')).toEqual({
            version: events.length + 1,
            document: { owner: 'ann', currency: 'EUR', balance: total, movements: amounts.length + 1 },
          });
        },
      ),
      { numRuns: 200 },
    ));

  it('reads no gate for a row projection whose gate is right behind, and one strong read after a wrong guess', async () => {
    const h = harness([new DailyTotals()], { store: new LaggingStore() });
    const { store } = h;
    const events = h.append('Acc#1', new Opened('ann'), new Deposited(10), new Withdrawn(4));
    for (const e of events) await h.runner.deliver({ events: [e] });
    expect(store.reads).toEqual({ strong: 0, eventual: 0 });
    await h.runner.deliver({ events: [events[1]!] });
    expect(store.reads).toEqual({ strong: 1, eventual: 0 });
    expect((await store.dump(totalsBlue)).rows['day#2026-03-01']).toEqual({
      deposited: 10,
      withdrawn: 4,
      movements: 2,
    });
  });

  it('applies every event of a row projection once whatever the guessed gates meet: duplicates and gaps', () =>
    fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom('Acc#1', 'Acc#2'), fc.integer({ min: -50, max: 50 })), {
          minLength: 1,
          maxLength: 10,
        }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 12 }),
        async (moves, schedule) => {
          const h = harness([new DailyTotals()], { store: new LaggingStore() });
          const { store } = h;
          const reference = harness([new DailyTotals()]);
          for (const [stream, amount] of moves) {
            if (!h.events.events.some((e) => e.streamId === stream)) h.append(stream, new Opened('ann'));
            h.append(stream, amount < 0 ? new Withdrawn(-amount) : new Deposited(amount));
          }
          const all = h.events.events;
          reference.events.events.push(...all);
          for (const e of all) await reference.runner.deliver({ events: [e] });
          for (const [from, length] of schedule) {
            const event = all[from % all.length]!;
            const stream = all.filter((e) => e.streamId === event.streamId);
            const start = stream.indexOf(event);
            await h.runner.deliver({ events: stream.slice(start, start + 1 + (length % 3)) });
          }
          for (const id of ['Acc#1', 'Acc#2']) {
            const last = all.filter((e) => e.streamId === id).pop();
            if (last) await h.runner.deliver({ events: [last] });
          }
          expect(await store.dump(totalsBlue)).toEqual(await reference.store.dump(totalsBlue));
        },
      ),
      { numRuns: 200 },
    ));
});
