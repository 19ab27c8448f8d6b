import { AssertionError } from 'node:assert';
import { IsInt, IsString } from 'class-validator';
import {
  Aggregate,
  AggregateId,
  AggregateRoot,
  Apply,
  Command,
  type CommandContext,
  CommandHandler,
  DomainEvent,
  Loads,
  RuleViolation,
} from '../../../src';
import { forAggregate } from '../../../src/testing';
import {
  CloseCounter,
  Counter,
  CounterClosed,
  CounterIncremented,
  CounterOpened,
  Increment,
  OpenCounter,
  command,
} from '../domain/counter.fixture';

@DomainEvent('test.LeakyBumped')
class LeakyBumped {}

@Command('test.LeakyBump')
class LeakyBump {
  @AggregateId() @IsString() id!: string;
}

/** Deliberately broken: its handler changes state outside an @Apply, so re-loading gives another state. */
@AggregateRoot('test.Leaky', {})
class Leaky extends Aggregate {
  bumps = 0;
  @CommandHandler(LeakyBump, { creates: true })
  bump(): void {
    this.bumps += 1;
    this.apply(new LeakyBumped());
  }
  @Apply(LeakyBumped)
  onBumped(): void {}
}

@AggregateRoot('test.Crasher')
class Crasher extends Aggregate {
  @CommandHandler(LeakyBump, { creates: true })
  bump(): void {
    throw new TypeError('boom');
  }
}

@DomainEvent('test.Moved')
class Moved {
  constructor(readonly amount: number) {}
}

@Command('test.Move')
class Move {
  @AggregateId() @IsString() from!: string;
  @Loads(() => Box) @IsString() to!: string;
  @IsInt() amount!: number;
}

@AggregateRoot('test.Box')
class Box extends Aggregate {
  items = 0;
  @CommandHandler(Move)
  move(cmd: Move, ctx: CommandContext): void {
    if (cmd.amount > this.items) throw new RuleViolation('not enough items', { items: this.items });
    this.apply(new Moved(-cmd.amount));
    ctx.related(Box, cmd.to).receive(cmd.amount);
  }
  receive(amount: number): void {
    this.apply(new Moved(amount));
  }
  @Apply(Moved)
  onMoved(e: Moved): void {
    this.items += e.amount;
  }
}

describe('aggregate spec (test kit)', () => {
  it('passes when the command records exactly the expected events', () => {
    forAggregate(Counter)
      .given(new CounterOpened('c1', 1))
      .when(command(Increment, { counterId: 'c1', by: 2 }))
      .then(new CounterIncremented(2))
      .thenState((counter) => expect(counter.value).toBe(3));
  });

  it('fails when the recorded events differ from the expected ones', () => {
    const outcome = forAggregate(Counter)
      .given(new CounterOpened('c1', 1))
      .when(command(Increment, { counterId: 'c1', by: 2 }));
    expect(() => outcome.then(new CounterIncremented(3))).toThrow(AssertionError);
    expect(() => outcome.then(new CounterIncremented(2), new CounterClosed())).toThrow(AssertionError);
    expect(() => outcome.then(new CounterClosed())).toThrow(AssertionError);
  });

  it('fails the re-load check for an aggregate that changes state outside an @Apply', () => {
    let failure: unknown;
    try {
      forAggregate(Leaky)
        .given()
        .when(command(LeakyBump, { id: 'l1' }));
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(AssertionError);
    expect((failure as AssertionError).message).toContain(
      'test.Leaky#l1: state re-loaded from its events differs from the working instance',
    );
  });

  it('asserts a refusal by error code and context', () => {
    forAggregate(Counter)
      .given(new CounterOpened('c1', 1), new CounterClosed())
      .when(command(Increment, { counterId: 'c1', by: 1 }))
      .thenThrows('RULE_VIOLATION', { counterId: 'c1' });
    forAggregate(Counter)
      .given()
      .when(command(CloseCounter, { counterId: 'c2' }))
      .thenThrows('NOT_FOUND');
  });

  it('fails thenThrows when the command succeeded or failed with another code', () => {
    const succeeded = forAggregate(Counter)
      .given()
      .when(command(OpenCounter, { counterId: 'c1', start: 0 }));
    expect(() => succeeded.thenThrows('RULE_VIOLATION')).toThrow('but the command succeeded');
    const refused = forAggregate(Counter)
      .given()
      .when(command(CloseCounter, { counterId: 'c1' }));
    expect(() => refused.thenThrows('RULE_VIOLATION')).toThrow('expected code RULE_VIOLATION, got NOT_FOUND');
    expect(() => refused.then()).toThrow('the command failed');
    expect(() => refused.thenState(() => undefined)).toThrow('the command failed');
  });

  it('fails thenThrows for an error that is not an eventfold error', () => {
    const outcome = forAggregate(Crasher)
      .given()
      .when(command(LeakyBump, { id: 'x' }));
    expect(() => outcome.thenThrows('NOT_FOUND')).toThrow(
      'expected an error with code NOT_FOUND, but got TypeError: boom',
    );
  });

  it('checks the events of a related aggregate the command loads', () => {
    forAggregate(Box)
      .given(new Moved(5))
      .givenRelated(Box, 'b2', new Moved(1))
      .when(command(Move, { from: 'b1', to: 'b2', amount: 3 }))
      .then(new Moved(-3))
      .thenRelated(Box, 'b2', new Moved(3));
  });

  it('fails thenRelated for an aggregate the command did not load', () => {
    const outcome = forAggregate(Box)
      .given(new Moved(5))
      .givenRelated(Box, 'b2', new Moved(1))
      .when(command(Move, { from: 'b1', to: 'b2', amount: 3 }));
    expect(() => outcome.thenRelated(Box, 'b3')).toThrow('Box#b3 was not loaded');
    expect(() => outcome.thenRelated(Box, 'b2', new Moved(4))).toThrow(AssertionError);
  });
});
