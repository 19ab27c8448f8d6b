import { describeValue, likelyCause } from './decorator-checks';
import { ConfigurationError, UnknownTypeError } from './domain-errors';
import { type EventClass, eventTypeOf } from './event-types';
import { toInstanceOf, toPlainOf } from './flat-transform';
import { type EventData, type Upcaster, UpcasterChain } from './upcasting';

/** An event serialized for storage. */
export interface SerializedEvent {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: EventData;
}

function assertUpcaster(upcaster: Upcaster | undefined, index: number): void {
  if (typeof upcaster === 'object' && upcaster !== null && typeof upcaster.up === 'function') return;
  throw new ConfigurationError(
    `upcaster ${index} is ${describeValue(upcaster)}, not an upcaster ({ type, fromVersion, up })` +
      (upcaster === undefined ? `: ${likelyCause(upcaster, 'upcaster')}` : ''),
    { index, given: describeValue(upcaster) },
  );
}

/**
 * Maps stable event type names to classes, serializes events and reads stored ones back,
 * upcasting older schema versions. Refuses at startup two classes for one type and an upcaster chain with holes.
 * @example
 * const registry = new EventRegistry().register(OrderCreated, OrderDeleted).addUpcasters(v1ToV2).seal();
 * const event = registry.deserialize(stored);
 */
export class EventRegistry {
  private readonly classes = new Map<string, EventClass>();
  private readonly chains = new Map<string, UpcasterChain>();
  private readonly pendingUpcasters: Upcaster[] = [];
  private sealed = false;

  /** Registers event classes; registering the same class again is harmless, a second class for a type is not. */
  register(...classes: EventClass[]): this {
    this.assertOpen();
    for (const cls of classes) {
      const { type, schemaVersion } = eventTypeOf(cls);
      const existing = this.classes.get(type);
      if (existing === cls) continue;
      if (existing) {
        const other = eventTypeOf(existing);
        throw new ConfigurationError(
          `event type ${type} is declared by two classes: ${existing.name} (v${other.schemaVersion}) and ${cls.name} (v${schemaVersion})`,
          { type, classes: [existing.name, cls.name] },
        );
      }
      this.classes.set(type, cls);
      this.chains.set(type, new UpcasterChain(type, schemaVersion));
    }
    return this;
  }

  /** Adds upcasters; they are checked against the registered classes when the registry is sealed. */
  addUpcasters(...upcasters: Upcaster[]): this {
    this.assertOpen();
    upcasters.forEach((upcaster, index) => assertUpcaster(upcaster, index));
    this.pendingUpcasters.push(...upcasters);
    return this;
  }

  /** Checks the registration (no unknown upcaster types, no holes in any chain) and freezes it. */
  seal(): this {
    if (this.sealed) return this;
    for (const upcaster of this.pendingUpcasters) {
      const chain = this.chains.get(upcaster.type);
      if (!chain) {
        throw new ConfigurationError(`upcaster for unregistered event type ${upcaster.type}`, {
          type: upcaster.type,
        });
      }
      chain.add(upcaster);
    }
    for (const chain of this.chains.values()) chain.assertComplete();
    this.sealed = true;
    return this;
  }

  /** Every registered type name. */
  types(): string[] {
    return [...this.classes.keys()];
  }

  /** True when a class is registered for the type. */
  has(type: string): boolean {
    return this.classes.has(type);
  }

  /** The class registered for a type name. */
  classOf(type: string): EventClass {
    const cls = this.classes.get(type);
    if (!cls) throw new UnknownTypeError('event type', type);
    return cls;
  }

  /** Serializes an event instance of a registered class. */
  serialize(event: object): SerializedEvent {
    const { type, schemaVersion } = eventTypeOf(event);
    if (this.classes.get(type) !== event.constructor) throw new UnknownTypeError('event type', type);
    return { type, schemaVersion, data: toPlainOf(event) as EventData };
  }

  /** Reads stored data back as an instance of the current class, upcasting older versions. */
  deserialize(event: SerializedEvent): object {
    this.assertSealed();
    const cls = this.classOf(event.type);
    const chain = this.chains.get(event.type) as UpcasterChain;
    const { schemaVersion } = event;
    if (!Number.isInteger(schemaVersion) || schemaVersion > chain.currentVersion || schemaVersion < 1) {
      throw new UnknownTypeError('event schema version', `${event.type} v${event.schemaVersion}`);
    }
    const data = chain.upcast(event.data, event.schemaVersion);
    return toInstanceOf(cls as new () => object, data);
  }

  private assertOpen(): void {
    if (this.sealed)
      throw new ConfigurationError('the event registry is sealed; register before startup ends');
  }

  private assertSealed(): void {
    if (!this.sealed) this.seal();
  }
}
