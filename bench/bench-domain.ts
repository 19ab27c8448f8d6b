import { Expose } from 'class-transformer';
import { Aggregate, AggregateRoot, Apply, DomainEvent, defineDomain } from '../src';

/** A counter was incremented. */
@DomainEvent('CounterIncremented', 1)
export class CounterIncremented {
  @Expose() by!: number;
  constructor(by: number) {
    this.by = by;
  }
}

/** A counter without snapshots: loading reads every event. */
@AggregateRoot('BenchCounter')
export class BenchCounter extends Aggregate {
  total = 0;
  count = 0;

  /** Records events without the command path, to build long streams quickly. */
  record(times: number): void {
    for (let i = 0; i < times; i += 1) this.apply(new CounterIncremented(1));
  }

  @Apply(CounterIncremented)
  onIncremented(e: CounterIncremented): void {
    this.total += e.by;
    this.count += 1;
  }
}

/** The same counter with a snapshot every 100 events. */
@AggregateRoot('BenchSnapCounter', { snapshotEvery: 100 })
export class BenchSnapCounter extends BenchCounter {}

/** The benchmark's domain. */
export const benchDomain = defineDomain({ aggregates: [BenchCounter, BenchSnapCounter] });
