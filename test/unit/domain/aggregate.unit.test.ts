import fc from 'fast-check';
import { Aggregate, AggregateRoot, DomainEvent, handleCommand } from '../../../src';
import {
  CloseCounter,
  Counter,
  CounterClosed,
  CounterIncremented,
  CounterOpened,
  Increment,
  OpenCounter,
  command,
} from './counter.fixture';

@DomainEvent('test.Unhandled')
class Unhandled {}

@AggregateRoot('test.Bare')
class Bare extends Aggregate {}

class Undeclared extends Aggregate {}

function opened(): Counter {
  return new Counter('c1').loadFromHistory([new CounterOpened('c1', 10), new CounterIncremented(2)]);
}

describe('aggregate', () => {
  it('starts at version 0 with no pending events', () => {
    const counter = new Counter('c1');
    expect([counter.id, counter.version, counter.loadedVersion, counter.pendingEvents]).toEqual([
      'c1',
      0,
      0,
      [],
    ]);
    expect(counter.aggregateType).toBe('test.Counter');
    expect(counter.streamId).toBe('test.Counter#c1');
  });

  it('advances the loaded version by one per event in its history', () => {
    const counter = opened();
    expect([counter.loadedVersion, counter.version, counter.value]).toEqual([2, 2, 12]);
    expect(counter.pendingEvents).toEqual([]);
  });

  it('records events as pending and counts them in the version, not in the loaded version', () => {
    const counter = opened();
    handleCommand(counter, command(Increment, { counterId: 'c1', by: 5 }));
    handleCommand(counter, command(CloseCounter, { counterId: 'c1' }));
    expect(counter.pendingEvents).toEqual([new CounterIncremented(5), new CounterClosed()]);
    expect([counter.loadedVersion, counter.version, counter.value, counter.closed]).toEqual([2, 4, 17, true]);
  });

  it('moves pending events to the loaded version when they are committed', () => {
    const counter = opened();
    handleCommand(counter, command(Increment, { counterId: 'c1', by: 1 }));
    counter.markCommitted();
    expect([counter.loadedVersion, counter.version, counter.pendingEvents.length]).toEqual([3, 3, 0]);
  });

  it('refuses to load history on top of uncommitted events', () => {
    const counter = new Counter('c1');
    handleCommand(counter, command(OpenCounter, { counterId: 'c1', start: 0 }));
    expect(() => counter.loadFromHistory([new CounterIncremented(1)])).toThrow(
      expect.objectContaining({ code: 'CONFIGURATION_INVALID' }),
    );
  });

  it('fails with the event type named when no @Apply handles an event', () => {
    expect(() => new Counter('c1').loadFromHistory([new Unhandled()])).toThrow(
      expect.objectContaining({
        code: 'CONFIGURATION_INVALID',
        context: { aggregateType: 'test.Counter', eventType: 'test.Unhandled' },
      }),
    );
    expect(() => new Bare('b').loadFromHistory([new CounterClosed()])).toThrow('test.Bare has no @Apply');
  });

  it('refuses an aggregate class without @AggregateRoot', () => {
    expect(() => new Undeclared('u').streamId).toThrow('Undeclared is not declared with @AggregateRoot');
  });

  it('restores a snapshot with its state and version', () => {
    const source = opened();
    const restored = new Counter('c1').restoreSnapshot(source.snapshotState(), source.version);
    expect(restored.snapshotState()).toEqual(source.snapshotState());
    expect([restored.loadedVersion, restored.version]).toEqual([2, 2]);
  });

  it('refuses to restore a snapshot into an aggregate that was loaded or has pending events', () => {
    const state = opened().snapshotState();
    expect(() => opened().restoreSnapshot(state, 2)).toThrow(/only be restored into a fresh test.Counter#c1/);
    const fresh = new Counter('c1');
    handleCommand(fresh, command(OpenCounter, { counterId: 'c1', start: 0 }));
    expect(() => fresh.restoreSnapshot(state, 2)).toThrow(
      expect.objectContaining({ code: 'CONFIGURATION_INVALID' }),
    );
  });

  it('keeps only plain JSON state in a snapshot, not the bookkeeping', () => {
    expect(opened().snapshotState()).toEqual({ value: 12, closed: false, history: [2] });
  });

  it('folds to the same state from a snapshot plus the tail as from every event (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 40 }),
        fc.nat(),
        (start, increments, cut) => {
          const events = [
            new CounterOpened('c1', start),
            ...increments.map((by) => new CounterIncremented(by)),
          ];
          const at = cut % (events.length + 1);
          const full = new Counter('c1').loadFromHistory(events);
          const head = new Counter('c1').loadFromHistory(events.slice(0, at));
          const snapshot = JSON.parse(JSON.stringify(head.snapshotState())) as Record<string, unknown>;
          const resumed = new Counter('c1').restoreSnapshot(snapshot, at).loadFromHistory(events.slice(at));
          expect(resumed.snapshotState()).toEqual(full.snapshotState());
          expect(resumed.version).toBe(full.version);
        },
      ),
    );
  });
});
