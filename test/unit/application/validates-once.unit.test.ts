import {
  IsInt,
  IsString,
  Validate,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import fc from 'fast-check';
import { CommandBus } from '../../../src/application/commands';
import { AggregateRepository } from '../../../src/application/repository';
import {
  Aggregate,
  AggregateId,
  AggregateRoot,
  Apply,
  Command,
  CommandHandler,
  DomainEvent,
  defineDomain,
  handleCommand,
} from '../../../src';
import { Expose } from 'class-transformer';
import { InMemoryEventStore } from '../../../src/testing/in-memory-event-store';

/** How often class-validator ran the counted constraint. */
let validations = 0;

@ValidatorConstraint({ name: 'counted' })
class Counted implements ValidatorConstraintInterface {
  validate(): boolean {
    validations += 1;
    return true;
  }
}

@Command('OpenCounter')
class OpenCounter {
  @AggregateId() @IsString() @Validate(Counted) counterId!: string;
}

@Command('AddToCounter')
class AddToCounter {
  @AggregateId() @IsString() @Validate(Counted) counterId!: string;
  @IsInt() amount!: number;
}

@DomainEvent('CounterOpened', 1)
class CounterOpened {}

@DomainEvent('CounterAdded', 1)
class CounterAdded {
  @Expose() amount: number;
  constructor(amount: number) {
    this.amount = amount;
  }
}

@AggregateRoot('Counter')
class Counter extends Aggregate {
  total = 0;
  @CommandHandler(OpenCounter, { creates: true })
  open(): void {
    this.apply(new CounterOpened());
  }
  @CommandHandler(AddToCounter)
  add(cmd: AddToCounter): void {
    this.apply(new CounterAdded(cmd.amount));
  }
  @Apply(CounterOpened)
  onOpened(): void {}
  @Apply(CounterAdded)
  onAdded(event: CounterAdded): void {
    this.total += event.amount;
  }
}

const domain = defineDomain({ aggregates: [Counter] });

/** A bus whose next `conflicts` commits to the counter lose against another writer's add. */
function busLosing(conflicts: number) {
  const store = new InMemoryEventStore();
  const repository = new AggregateRepository(store, undefined, domain);
  const bus = new CommandBus(domain, repository, { retry: { retries: 5, sleep: async () => {} } });
  let left = conflicts;
  let competing = false;
  store.beforeCommit = async () => {
    if (competing || left === 0) return;
    competing = true;
    left -= 1;
    const rival = await repository.load(Counter, 'c');
    rival.add(Object.assign(new AddToCounter(), { counterId: 'c', amount: 1 }));
    await repository.save(rival);
    competing = false;
  };
  return { bus, arm: (n: number) => (left = n) };
}

describe('the command bus validates each command once', () => {
  it('runs class-validator once per dispatch, for a creating and an existing-aggregate command, however many attempts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 3 }), fc.integer({ min: -5, max: 5 }), async (conflicts, amount) => {
        const { bus, arm } = busLosing(0);
        validations = 0;
        await bus.dispatch('OpenCounter', { counterId: 'c' });
        expect(validations).toBe(1);
        arm(conflicts);
        validations = 0;
        const outcome = await bus.dispatch('AddToCounter', { counterId: 'c', amount });
        expect(outcome.attempts).toBe(conflicts + 1);
        expect(validations).toBe(1);
        validations = 0;
        await bus.execute(Object.assign(new AddToCounter(), { counterId: 'c', amount }));
        expect(validations).toBe(1);
      }),
      { numRuns: 40 },
    );
  });

  it('still refuses invalid input before any attempt, and handleCommand still validates on its own', async () => {
    const { bus } = busLosing(0);
    await expect(bus.dispatch('OpenCounter', { counterId: 'c', extra: 1 })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await bus.dispatch('OpenCounter', { counterId: 'c' });
    await expect(bus.dispatch('AddToCounter', { counterId: 'c', amount: 1.5 })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    const counter = new Counter('d');
    const built = Object.assign(new OpenCounter(), { counterId: 'd' });
    validations = 0;
    handleCommand(counter, built);
    expect(validations).toBe(1);
    const invalid = Object.assign(new AddToCounter(), { counterId: 'd', amount: 'many' });
    expect(() => handleCommand(counter, invalid)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });
});
