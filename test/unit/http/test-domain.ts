import { Expose } from 'class-transformer';
import { IsInt, IsString, Min } from 'class-validator';
import { randomUUID } from 'node:crypto';
import {
  Aggregate,
  AggregateId,
  AggregateRoot,
  Apply,
  Command,
  CommandHandler,
  defineDomain,
  DomainEvent,
  handleCommand,
  RuleViolation,
  validateCommand,
} from '../../../src';
import type { ApiServices, CommandRunner } from '../../../src/infrastructure/http/api-ports';
import { defaultApiLimits } from '../../../src/infrastructure/http/api-ports';
import { InMemoryReadModelStore } from '../../../src/projections/in-memory-read-model-store';
import { InMemoryEventStore as ContractTestedEventStore } from '../../../src/testing/in-memory-event-store';

@DomainEvent('CounterOpened', 1)
export class CounterOpened {
  @Expose() @IsString() counterId!: string;
}

@DomainEvent('CounterAdded', 1)
export class CounterAdded {
  @Expose() @IsInt() @Min(1) amount!: number;
}

@Command('OpenCounter')
export class OpenCounter {
  @AggregateId() @IsString() counterId!: string;
}

@Command('AddToCounter')
export class AddToCounter {
  @AggregateId() @IsString() counterId!: string;
  @IsInt() amount!: number;
}

@AggregateRoot('Counter')
export class Counter extends Aggregate {
  total = 0;

  @CommandHandler(OpenCounter, { creates: true })
  open(cmd: OpenCounter): void {
    this.apply(Object.assign(new CounterOpened(), { counterId: cmd.counterId }));
  }

  @CommandHandler(AddToCounter)
  add(cmd: AddToCounter): void {
    if (cmd.amount < 1) throw new RuleViolation('amount must be positive', { amount: cmd.amount });
    this.apply(Object.assign(new CounterAdded(), { amount: cmd.amount }));
  }

  @Apply(CounterOpened)
  onOpened(): void {
    this.total = 0;
  }

  @Apply(CounterAdded)
  onAdded(e: CounterAdded): void {
    if (typeof e.amount !== 'number') throw new TypeError('amount is not a number');
    this.total += e.amount;
  }
}

export const counterDomain = defineDomain({ aggregates: [Counter] });

/**
 * The contract-tested in-memory event store (conditional appends, atomic commits, resends answered as the first
 * time), with a count of the events stored.
 */
export class InMemoryEventStore extends ContractTestedEventStore {
  count(): number {
    return this.eventCount;
  }
}

/** Runs commands against the in-memory store, one attempt, as the real command bus does per attempt. */
function commandRunner(store: InMemoryEventStore): CommandRunner {
  return {
    async dispatch(name, input) {
      const route = counterDomain.command(name);
      const command = validateCommand(route.commandClass, input) as Record<string, string>;
      const id = command[route.info.aggregateIdField]!;
      const counter = new Counter(id);
      const history = [];
      for await (const e of store.readStream(`Counter#${id}`))
        history.push(counterDomain.events.deserialize(e));
      counter.loadFromHistory(history);
      handleCommand(counter, command);
      const events = counter.pendingEvents.map((e) => ({
        eventId: randomUUID(),
        ...counterDomain.events.serialize(e),
      }));
      const result = await store.commit({
        commitId: randomUUID(),
        streams: [{ streamId: counter.streamId, expectedVersion: counter.loadedVersion, events }],
      });
      return {
        streamId: counter.streamId,
        version: counter.version,
        commitId: result.commitId,
        events: result.events,
      };
    },
  };
}

/** API services over the in-memory store; replays and rebuilds answer from memory. */
export function inMemoryServices(
  store = new InMemoryEventStore(),
): ApiServices & { store: InMemoryEventStore; rows: InMemoryReadModelStore } {
  const replays = new Map<string, object>();
  const rows = new InMemoryReadModelStore();
  return {
    rows,
    store,
    domain: counterDomain,
    eventStore: store,
    commands: commandRunner(store),
    replays: {
      start: async (mode) => {
        const replayId = `r-${replays.size + 1}`;
        replays.set(replayId, { replayId, mode, state: 'RUNNING' });
        return replayId;
      },
      status: async (id) =>
        replays.get(id) ??
        Promise.reject(Object.assign(new Error('nf'), { code: 'NOT_FOUND', httpStatus: 404 })),
      cancel: async (id) => ({ replayId: id, state: 'CANCELLED' }),
      resume: async (id) => ({ replayId: id, state: 'RUNNING' }),
    },
    deadLetters: {
      redrive: async () => ({ received: 0, released: 0, failedAgain: 0, stale: 0, deferred: 0 }),
    },
    rebuilds: {
      start: async (projection) => ({ rebuildId: `b-${projection}` }),
      status: async (projection) => ({ projection, active: 'blue' }),
      rollback: async (projection) => ({ projection, active: 'green' }),
    },
    documents: {
      document: async (_p, streamId) => (streamId === 'Counter#known' ? { total: 3 } : undefined),
      row: async (projection, key) => rows.row({ projection, slot: 'blue' }, key),
      rows: async (projection, query) => rows.rows({ projection, slot: 'blue' }, query),
    },
    projections: ['counter-totals'],
    limits: { ...defaultApiLimits, maxBodyBytes: 4096 },
  };
}
