import { IsString } from 'class-validator';
import {
  Aggregate,
  AggregateId,
  AggregateRoot,
  Apply,
  Command,
  CommandHandler,
  DomainEvent,
  handleCommand,
  noRelatedAggregates,
} from '../../../src';
import { CloseCounter, Counter, CounterOpened, Increment, OpenCounter, command } from './counter.fixture';

@DomainEvent('test.Pinged')
class Pinged {}

@Command('test.Ping')
class Ping {
  @AggregateId() @IsString() id!: string;
}

@Command('test.Unrouted')
class Unrouted {
  @AggregateId() @IsString() id!: string;
}

@AggregateRoot('test.AsyncPinger')
class AsyncPinger extends Aggregate {
  @CommandHandler(Ping, { creates: true })
  async ping(): Promise<void> {
    this.apply(new Pinged());
    throw new Error('decided too late');
  }

  @Apply(Pinged)
  onPinged(): void {}
}

describe('handleCommand', () => {
  it('runs a creating handler on a new aggregate', () => {
    const counter = new Counter('c1');
    handleCommand(counter, command(OpenCounter, { counterId: 'c1', start: 3 }));
    expect(counter.pendingEvents).toEqual([new CounterOpened('c1', 3)]);
  });

  it('refuses a creating handler on an existing aggregate', () => {
    const counter = new Counter('c1').loadFromHistory([new CounterOpened('c1', 0)]);
    expect(() => handleCommand(counter, command(OpenCounter, { counterId: 'c1', start: 3 }))).toThrow(
      expect.objectContaining({
        code: 'RULE_VIOLATION',
        context: expect.objectContaining({ streamId: 'test.Counter#c1' }),
      }),
    );
    expect(counter.pendingEvents).toEqual([]);
  });

  it('refuses any other handler on a missing aggregate with NOT_FOUND', () => {
    expect(() => handleCommand(new Counter('c9'), command(Increment, { counterId: 'c9', by: 1 }))).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND', context: { kind: 'test.Counter', id: 'c9' } }),
    );
  });

  it('validates the command before the handler sees it', () => {
    const counter = new Counter('c1').loadFromHistory([new CounterOpened('c1', 0)]);
    expect(() => handleCommand(counter, command(Increment, { counterId: 'c1', by: 0 }))).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
    expect(counter.pendingEvents).toEqual([]);
  });

  it('lets a business rule refuse the command', () => {
    const counter = new Counter('c1').loadFromHistory([new CounterOpened('c1', 0)]);
    handleCommand(counter, command(CloseCounter, { counterId: 'c1' }));
    expect(() => handleCommand(counter, command(Increment, { counterId: 'c1', by: 1 }))).toThrow(
      'counter is closed',
    );
  });

  it('refuses a command the aggregate has no handler for', () => {
    expect(() => handleCommand(new Counter('c1'), command(Unrouted, { id: 'c1' }))).toThrow(
      'test.Counter has no @CommandHandler for Unrouted',
    );
  });

  it('refuses an async handler: decisions are synchronous', () => {
    expect(() => handleCommand(new AsyncPinger('p'), command(Ping, { id: 'p' }))).toThrow(
      'test.AsyncPinger.ping must decide synchronously, not return a promise',
    );
  });

  it('has no related aggregates unless the command loads them', () => {
    expect(() => noRelatedAggregates.related(Counter, 'x')).toThrow(
      expect.objectContaining({ code: 'CONFIGURATION_INVALID' }),
    );
  });
});
