import { IsBoolean, IsInt, IsString } from 'class-validator';
import fc from 'fast-check';
import {
  Aggregate,
  AggregateId,
  AggregateRoot,
  Apply,
  Command,
  CommandHandler,
  DomainEvent,
  RuleViolation,
  defineDomain,
} from '../../../src';
import { CommandBus } from '../../../src/application/commands';
import { AggregateRepository } from '../../../src/application/repository';
import { InMemoryEventStore } from '../../../src/testing/in-memory-event-store';
import { readWholeStream } from '../../support/event-store-contract';

@DomainEvent('Registered', 1)
class Registered {
  constructor(readonly n: number) {}
}

@Command('Register')
class Register {
  @AggregateId() @IsString() registrationId!: string;
  @IsBoolean() records!: boolean;
  @IsInt() n!: number;
}

/** A creating handler that may refuse its input, or decide to record nothing. */
@AggregateRoot('Registration')
class Registration extends Aggregate {
  @CommandHandler(Register, { creates: true })
  register(cmd: Register): void {
    if (cmd.n < 0) throw new RuleViolation('n must not be negative', { n: cmd.n });
    if (cmd.records) this.apply(new Registered(cmd.n));
  }

  @Apply(Registered)
  onRegistered(): void {}
}

const model = defineDomain({ aggregates: [Registration] });

/** Counts the stream reads (loads) the bus makes. */
class CountingStore extends InMemoryEventStore {
  loads = 0;
  override readStream(...args: Parameters<InMemoryEventStore['readStream']>) {
    this.loads += 1;
    return super.readStream(...args);
  }
}

describe('a command on a creating handler', () => {
  it('reads nothing when it records events, and keeps the refusals a loaded aggregate gives (property)', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: -3, max: 3 }),
        async (exists, records, n) => {
          const store = new CountingStore();
          const bus = new CommandBus(model, new AggregateRepository(store, undefined, model));
          const registrationId = `r${(run += 1)}`;
          const streamId = `Registration#${registrationId}`;
          if (exists) await bus.dispatch('Register', { registrationId, records: true, n: 0 });
          store.loads = 0;
          const attempt = bus.dispatch('Register', { registrationId, records, n });
          if (exists) {
            await expect(attempt).rejects.toMatchObject({
              code: 'RULE_VIOLATION',
              message: `Registration ${registrationId} already exists`,
            });
          } else if (n < 0) {
            await expect(attempt).rejects.toMatchObject({ code: 'RULE_VIOLATION', context: { n } });
          } else {
            await expect(attempt).resolves.toMatchObject({ version: records ? 1 : 0 });
          }
          if (!exists && records && n >= 0) expect(store.loads).toBe(0);
          expect(await readWholeStream(store, streamId)).toHaveLength(exists || (records && n >= 0) ? 1 : 0);
        },
      ),
      { numRuns: 100 },
    );
  });
});
