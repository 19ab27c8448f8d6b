import { AssertionError, deepStrictEqual } from 'node:assert';
import { instanceToPlain } from 'class-transformer';
import type { Aggregate } from '../domain/aggregate';
import type { AggregateClass } from '../domain/aggregate-metadata';
import { commandInfoOf } from '../domain/commands';
import { type ErrorCode, isEventfoldError } from '../domain/errors';
import { eventTypeOf } from '../domain/event-types';
import { type CommandContext, handleCommand } from '../domain/handle-command';
import { noServices, type ServiceId, type Services } from '../domain/services';

function describeEvents(events: readonly object[]): unknown[] {
  return events.map((event) => ({ ...eventTypeOf(event), data: instanceToPlain(event) }));
}

interface Participant {
  readonly aggregate: Aggregate;
  readonly history: readonly object[];
}

function key(aggregateClass: AggregateClass, id: string): string {
  return `${aggregateClass.name}#${id}`;
}

/** Re-loads an aggregate from all its events and fails when that state differs from the working instance. */
function assertReloadMatches(participant: Participant): void {
  const { aggregate, history } = participant;
  const reloaded = new (aggregate.constructor as AggregateClass<Aggregate>)(aggregate.id);
  reloaded.loadFromHistory([...history, ...aggregate.pendingEvents]);
  try {
    deepStrictEqual(reloaded.snapshotState(), aggregate.snapshotState());
  } catch (error) {
    throw new AssertionError({
      message: `${aggregate.streamId}: state re-loaded from its events differs from the working instance; state was changed outside an @Apply handler\n${(error as Error).message}`,
    });
  }
}

/** The outcome of `when`: assert the events recorded, or the error raised. */
export class AggregateSpecOutcome<A extends Aggregate> {
  constructor(
    private readonly target: A,
    private readonly related: ReadonlyMap<string, Participant>,
    private readonly error: unknown,
  ) {}

  /** Asserts the command succeeded and recorded exactly these events on the target aggregate. */
  then(...expected: object[]): this {
    this.assertSucceeded();
    deepStrictEqual(describeEvents(this.target.pendingEvents), describeEvents(expected));
    return this;
  }

  /** Asserts the events recorded on a related aggregate. */
  thenRelated(aggregateClass: AggregateClass, id: string, ...expected: object[]): this {
    this.assertSucceeded();
    const participant = this.related.get(key(aggregateClass, id));
    if (!participant) throw new AssertionError({ message: `${key(aggregateClass, id)} was not loaded` });
    deepStrictEqual(describeEvents(participant.aggregate.pendingEvents), describeEvents(expected));
    return this;
  }

  /** Asserts on the target's state after the command. */
  thenState(check: (aggregate: A) => void): this {
    this.assertSucceeded();
    check(this.target);
    return this;
  }

  /** Asserts the command was refused with an eventfold error of this code (and, optionally, these context values). */
  thenThrows(code: ErrorCode, context: Record<string, unknown> = {}): this {
    if (!isEventfoldError(this.error)) {
      throw new AssertionError({
        message: `expected an error with code ${code}, but ${this.error ? `got ${String(this.error)}` : 'the command succeeded'}`,
      });
    }
    deepStrictEqual(
      this.error.code,
      code,
      `expected code ${code}, got ${this.error.code}: ${this.error.message}`,
    );
    for (const [name, value] of Object.entries(context)) deepStrictEqual(this.error.context[name], value);
    return this;
  }

  private assertSucceeded(): void {
    if (this.error) throw new AssertionError({ message: `the command failed: ${String(this.error)}` });
  }
}

/**
 * A given / when / then specification of one aggregate type.
 * @example
 * forAggregate(Order).given(new OrderCreated('o1')).when(new DeleteOrder('o1')).then(new OrderDeleted('o1'));
 * forAggregate(Order).given().when(new DeleteOrder('o1')).thenThrows('NOT_FOUND');
 */
export class AggregateSpec<A extends Aggregate> {
  private history: object[] = [];
  private readonly relatedHistory = new Map<string, object[]>();
  private services: Services = noServices;

  constructor(private readonly aggregateClass: AggregateClass<A>) {}

  /** The events already in the target aggregate's stream. */
  given(...events: object[]): this {
    this.history = events;
    return this;
  }

  /**
   * The services the command handler may ask for (`ctx.services.get(PriceList)`), by class or symbol.
   * @example
   * forAggregate(Quote).withServices([[PriceList, new FixedPrices()]]).when(new PriceQuote('q1', 'a'))
   */
  withServices(services: ReadonlyArray<readonly [ServiceId<unknown>, unknown]>): this {
    const byId = new Map<unknown, unknown>(services);
    this.services = {
      get: <T>(id: ServiceId<T>): T => (byId.has(id) ? (byId.get(id) as T) : noServices.get(id)),
    };
    return this;
  }

  /** The events already in the stream of a related aggregate the command loads. */
  givenRelated(aggregateClass: AggregateClass, id: string, ...events: object[]): this {
    this.relatedHistory.set(key(aggregateClass, id), events);
    return this;
  }

  /** Runs the command; afterwards re-loads every touched aggregate from its events and compares states. */
  when(command: object): AggregateSpecOutcome<A> {
    const info = commandInfoOf(command.constructor as AggregateClass);
    const targetId = String((command as Record<string, unknown>)[info.aggregateIdField]);
    const target = new this.aggregateClass(targetId).loadFromHistory(this.history);
    const related = new Map<string, Participant>();
    const context: CommandContext = {
      services: this.services,
      related: (aggregateClass, id) => {
        const participant = related.get(key(aggregateClass, id));
        if (!participant)
          throw new AssertionError({ message: `${key(aggregateClass, id)} is not loaded by the command` });
        return participant.aggregate as never;
      },
    };
    for (const load of info.loads) {
      const id = String((command as Record<string, unknown>)[load.field]);
      const cls = load.aggregate() as AggregateClass<Aggregate>;
      const history = this.relatedHistory.get(key(cls, id)) ?? [];
      related.set(key(cls, id), { aggregate: new cls(id).loadFromHistory(history), history });
    }
    let error: unknown;
    try {
      handleCommand(target, command, context);
    } catch (caught) {
      error = caught;
    }
    if (!error) {
      assertReloadMatches({ aggregate: target, history: this.history });
      for (const participant of related.values()) assertReloadMatches(participant);
    }
    return new AggregateSpecOutcome(target, related, error);
  }
}

/** Starts an aggregate specification. */
export function forAggregate<A extends Aggregate>(aggregateClass: AggregateClass<A>): AggregateSpec<A> {
  return new AggregateSpec(aggregateClass);
}
