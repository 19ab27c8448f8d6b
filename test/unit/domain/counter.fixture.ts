import { Expose } from 'class-transformer';
import { IsInt, IsString, Min } from 'class-validator';
import {
  Aggregate,
  AggregateId,
  AggregateRoot,
  Apply,
  Command,
  CommandHandler,
  DomainEvent,
  RuleViolation,
} from '../../../src';

/** A small aggregate the domain tests share: a counter that is opened, incremented and closed. */

@DomainEvent('test.CounterOpened')
export class CounterOpened {
  @Expose() readonly counterId: string;
  @Expose() readonly start: number;
  constructor(counterId: string, start: number) {
    this.counterId = counterId;
    this.start = start;
  }
}

@DomainEvent('test.CounterIncremented')
export class CounterIncremented {
  @Expose() readonly by: number;
  constructor(by: number) {
    this.by = by;
  }
}

@DomainEvent('test.CounterClosed')
export class CounterClosed {}

@Command('test.OpenCounter')
export class OpenCounter {
  @AggregateId() @IsString() counterId!: string;
  @IsInt() @Min(0) start!: number;
}

@Command('test.Increment')
export class Increment {
  @AggregateId() @IsString() counterId!: string;
  @IsInt() @Min(1) by!: number;
}

@Command('test.CloseCounter')
export class CloseCounter {
  @AggregateId() @IsString() counterId!: string;
}

/** Builds a command instance from plain fields (the same path HTTP input takes). */
export function command<C extends object>(cls: new () => C, fields: Partial<C>): C {
  return Object.assign(new cls(), fields);
}

@AggregateRoot('test.Counter', { snapshotEvery: 3 })
export class Counter extends Aggregate {
  value = 0;
  closed = false;
  history: number[] = [];

  @CommandHandler(OpenCounter, { creates: true })
  open(cmd: OpenCounter): void {
    this.apply(new CounterOpened(cmd.counterId, cmd.start));
  }

  @CommandHandler(Increment)
  increment(cmd: Increment): void {
    if (this.closed) throw new RuleViolation('counter is closed', { counterId: this.id });
    this.apply(new CounterIncremented(cmd.by));
  }

  @CommandHandler(CloseCounter)
  close(): void {
    this.apply(new CounterClosed());
  }

  @Apply(CounterOpened)
  onOpened(e: CounterOpened): void {
    this.value = e.start;
  }

  @Apply(CounterIncremented)
  onIncremented(e: CounterIncremented): void {
    this.value += e.by;
    this.history.push(e.by);
  }

  @Apply(CounterClosed)
  onClosed(): void {
    this.closed = true;
  }
}
