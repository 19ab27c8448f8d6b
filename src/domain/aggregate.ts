import { aggregateInfoOf } from './aggregate-metadata';
import { ConfigurationError } from './domain-errors';
import { eventTypeOf } from './event-types';
import { streamIdOf } from './stored-event';

/**
 * Base class of every aggregate: an id, the version it was loaded at, the events it recorded since,
 * and a protected `apply` that records an event and runs its applier. State changes only in appliers.
 * @example
 * @AggregateRoot('Order')
 * class Order extends Aggregate {
 *   status: 'none' | 'open' | 'deleted' = 'none';
 *   @CommandHandler(CreateOrder, { creates: true })
 *   create(cmd: CreateOrder) { this.apply(new OrderCreated(cmd.orderId)); }
 *   @Apply(OrderCreated)
 *   onCreated() { this.status = 'open'; }
 * }
 */
export abstract class Aggregate {
  readonly #id: string;
  #loadedVersion = 0;
  #pending: object[] = [];

  constructor(id: string) {
    this.#id = id;
  }

  /** The aggregate's id within its type. */
  get id(): string {
    return this.#id;
  }

  /** The stable type name from `@AggregateRoot`. */
  get aggregateType(): string {
    return aggregateInfoOf(this).type;
  }

  /** `<AggregateType>#<id>`. */
  get streamId(): string {
    return streamIdOf(this.aggregateType, this.#id);
  }

  /** The version the aggregate was loaded (or last committed) at; 0 for a new aggregate. */
  get loadedVersion(): number {
    return this.#loadedVersion;
  }

  /** The version including the events recorded but not yet committed. */
  get version(): number {
    return this.#loadedVersion + this.#pending.length;
  }

  /** The events recorded since loading, oldest first. */
  get pendingEvents(): readonly object[] {
    return this.#pending;
  }

  /** Records an event and applies it to the state. */
  protected apply(event: object): void {
    this.#route(event);
    this.#pending.push(event);
  }

  /** Applies stored events (already deserialized) on top of the current state, advancing the loaded version. */
  loadFromHistory(events: Iterable<object>): this {
    if (this.#pending.length > 0) {
      throw new ConfigurationError(`cannot load history into ${this.streamId} with uncommitted events`);
    }
    for (const event of events) {
      this.#route(event);
      this.#loadedVersion += 1;
    }
    return this;
  }

  /** Restores the state a snapshot captured at `version`, into a fresh instance only. */
  restoreSnapshot(state: Record<string, unknown>, version: number): this {
    if (this.#pending.length > 0 || this.#loadedVersion > 0) {
      throw new ConfigurationError(`a snapshot can only be restored into a fresh ${this.streamId}`);
    }
    this.restoreState(state);
    this.#loadedVersion = version;
    return this;
  }

  /** The state to keep in a snapshot; JSON-compatible. Override together with `restoreState` for other shapes. */
  snapshotState(): Record<string, unknown> {
    return JSON.parse(JSON.stringify({ ...this })) as Record<string, unknown>;
  }

  /** Puts a snapshot's state back. */
  protected restoreState(state: Record<string, unknown>): void {
    Object.assign(this, state);
  }

  /** Marks the recorded events as committed at the next versions. */
  markCommitted(): void {
    this.#loadedVersion += this.#pending.length;
    this.#pending = [];
  }

  #route(event: object): void {
    const { type } = eventTypeOf(event);
    const applier = aggregateInfoOf(this).appliers.get(type);
    if (!applier) {
      throw new ConfigurationError(`${this.aggregateType} has no @Apply for event ${type}`, {
        aggregateType: this.aggregateType,
        eventType: type,
      });
    }
    (this as unknown as Record<string, (e: object) => void>)[applier.method]!(event);
  }
}
