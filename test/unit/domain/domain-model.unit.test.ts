import { IsString } from 'class-validator';
import {
  Aggregate,
  AggregateId,
  AggregateRoot,
  Apply,
  Command,
  CommandHandler,
  DomainEvent,
  Loads,
  defineDomain,
} from '../../../src';
import { CloseCounter, Counter, CounterIncremented, Increment, OpenCounter } from './counter.fixture';

@DomainEvent('test.AuditNoted')
class AuditNoted {}

@DomainEvent('test.Legacy', 2)
class LegacyV2 {}

@Command('test.OpenCounter')
class OpenCounterAgain {
  @AggregateId() @IsString() id!: string;
}

@AggregateRoot('test.Other')
class Other extends Aggregate {
  @CommandHandler(OpenCounterAgain, { creates: true })
  open(): void {}
}

@AggregateRoot('test.Counter')
class CounterImpostor extends Aggregate {}

class NoDecorator {
  @IsString() id!: string;
}

@Command('test.NoAggregateId')
class NoAggregateId {
  @IsString() id!: string;
}

describe('domain model', () => {
  const model = defineDomain({
    aggregates: [Counter],
    events: [AuditNoted, LegacyV2],
    upcasters: [{ type: 'test.Legacy', fromVersion: 1, up: (d) => ({ ...d, upcast: true }) }],
  });

  it('routes command names to their class and aggregate', () => {
    expect(model.commandNames().sort()).toEqual(['test.CloseCounter', 'test.Increment', 'test.OpenCounter']);
    const route = model.command('test.Increment');
    expect(route.commandClass).toBe(Increment);
    expect(route.aggregateClass).toBe(Counter);
    expect(route.info.aggregateIdField).toBe('counterId');
    expect(model.command('test.OpenCounter').commandClass).toBe(OpenCounter);
    expect(model.command('test.CloseCounter').commandClass).toBe(CloseCounter);
  });

  it('finds aggregates by type', () => {
    expect(model.aggregate('test.Counter')).toBe(Counter);
    expect(model.aggregateTypeNames()).toEqual(['test.Counter']);
  });

  it('registers the events the aggregates apply and the extra ones, sealed with their upcasters', () => {
    expect(model.events.types().sort()).toEqual([
      'test.AuditNoted',
      'test.CounterClosed',
      'test.CounterIncremented',
      'test.CounterOpened',
      'test.Legacy',
    ]);
    expect(model.events.classOf('test.CounterIncremented')).toBe(CounterIncremented);
    expect(model.events.deserialize({ type: 'test.Legacy', schemaVersion: 1, data: {} })).toEqual(
      Object.assign(new LegacyV2(), { upcast: true }),
    );
    expect(() => model.events.register(AuditNoted)).toThrow(/sealed/);
  });

  it('raises UNKNOWN_TYPE for an unknown command name or aggregate type', () => {
    expect(() => model.command('test.Nope')).toThrow(expect.objectContaining({ code: 'UNKNOWN_TYPE' }));
    expect(() => model.aggregate('test.Nope')).toThrow(expect.objectContaining({ code: 'UNKNOWN_TYPE' }));
  });

  it('refuses one command name handled by two aggregates', () => {
    expect(() => defineDomain({ aggregates: [Counter, Other] })).toThrow(
      'command test.OpenCounter is handled by two aggregates',
    );
  });

  it('refuses one aggregate type declared by two classes', () => {
    expect(() => defineDomain({ aggregates: [Counter, CounterImpostor] })).toThrow(
      'aggregate type test.Counter is declared by two classes',
    );
  });

  it('accepts the same aggregate class listed twice', () => {
    expect(defineDomain({ aggregates: [Counter, Counter] }).aggregateTypeNames()).toEqual(['test.Counter']);
  });

  it('refuses a handled command without @Command or without @AggregateId', () => {
    @AggregateRoot('test.Sloppy')
    class Sloppy extends Aggregate {
      @CommandHandler(NoDecorator) run(): void {}
    }
    @AggregateRoot('test.Sloppier')
    class Sloppier extends Aggregate {
      @CommandHandler(NoAggregateId) run(): void {}
    }
    expect(() => defineDomain({ aggregates: [Sloppy] })).toThrow('NoDecorator is not declared with @Command');
    expect(() => defineDomain({ aggregates: [Sloppier] })).toThrow('has no @AggregateId field');
  });

  it('refuses a command that loads an aggregate outside the domain', () => {
    @AggregateRoot('test.Vault')
    class Vault extends Aggregate {}
    @Command('test.MoveToVault')
    class MoveToVault {
      @AggregateId() @IsString() id!: string;
      @Loads(() => Vault) @IsString() vaultId!: string;
    }
    @AggregateRoot('test.Mover')
    class Mover extends Aggregate {
      @CommandHandler(MoveToVault) move(): void {}
    }
    expect(() => defineDomain({ aggregates: [Mover] })).toThrow(
      'command test.MoveToVault loads Vault (field vaultId), which is not in the domain',
    );
    expect(defineDomain({ aggregates: [Mover, Vault] }).command('test.MoveToVault').aggregateClass).toBe(
      Mover,
    );
  });

  it('refuses an event version without its upcasters at startup', () => {
    expect(() => defineDomain({ aggregates: [Counter], events: [LegacyV2] })).toThrow(
      'test.Legacy is at v2 but has no upcaster from v1',
    );
  });

  it('refuses a class that is not an aggregate', () => {
    expect(() => defineDomain({ aggregates: [NoDecorator as never] })).toThrow(
      'NoDecorator is not declared with @AggregateRoot',
    );
  });
});

describe('aggregate declarations', () => {
  it('refuses one command handled twice by one aggregate', () => {
    expect(() => {
      @AggregateRoot('test.Twice')
      class Twice extends Aggregate {
        @CommandHandler(Increment) a(): void {}
        @CommandHandler(Increment) b(): void {}
      }
      return Twice;
    }).toThrow('test.Twice handles command Increment twice');
  });

  it('refuses one event applied twice by one aggregate', () => {
    expect(() => {
      @AggregateRoot('test.TwiceApplied')
      class TwiceApplied extends Aggregate {
        @Apply(AuditNoted) a(): void {}
        @Apply(AuditNoted) b(): void {}
      }
      return TwiceApplied;
    }).toThrow('test.TwiceApplied applies event test.AuditNoted twice');
  });

  it('inherits handlers and appliers from a parent aggregate class', () => {
    @AggregateRoot('test.SpecialCounter')
    class SpecialCounter extends Counter {}
    expect(defineDomain({ aggregates: [SpecialCounter] }).command('test.Increment').aggregateClass).toBe(
      SpecialCounter,
    );
  });

  it.each(['', '1Order', 'Order#1', 'a'.repeat(65)])('refuses the aggregate type name %p', (type) => {
    expect(() => AggregateRoot(type)).toThrow(expect.objectContaining({ code: 'CONFIGURATION_INVALID' }));
  });
});
