import { type AggregateClass, type CommandClass, aggregateInfoOf } from './aggregate-metadata';
import { type CommandInfo, commandInfoOf } from './commands';
import { describeValue, likelyCause } from './decorator-checks';
import { ConfigurationError, UnknownTypeError } from './domain-errors';
import { EventRegistry } from './event-registry';
import type { EventClass } from './event-types';
import { PersonalDataCatalog } from './personal/personal-catalog';
import { personalDataOf } from './personal/personal-fields';
import { DATA_SUBJECT_TYPE, SubjectForgotten } from './personal/subject-forgotten';
import type { Upcaster } from './upcasting';

/** Everything a user's domain registers, in one place. */
export interface DomainDefinition {
  readonly aggregates: readonly AggregateClass[];
  /** Event classes no aggregate applies (for example ones only projections read). */
  readonly events?: readonly EventClass[];
  readonly upcasters?: readonly Upcaster[];
}

/** A registered command: its class, its info and the aggregate class that handles it. */
export interface CommandRoute {
  readonly commandClass: CommandClass;
  readonly info: CommandInfo;
  readonly aggregateClass: AggregateClass;
}

/**
 * The checked registration of a domain: aggregates by type, commands by name, and the sealed event registry.
 * Every inconsistency throws a `ConfigurationError` here, at startup.
 * @example
 * const model = defineDomain({ aggregates: [Order], upcasters: [orderCreatedV1ToV2] });
 */
export class DomainModel {
  readonly events = new EventRegistry();
  /** The personal fields of the domain's events (guarantee 14); `declared` is false when there are none. */
  readonly personal: PersonalDataCatalog;
  private readonly aggregateTypes = new Map<string, AggregateClass>();
  private readonly commandRoutes = new Map<string, CommandRoute>();

  constructor(definition: DomainDefinition) {
    for (const aggregateClass of definition.aggregates) this.addAggregate(aggregateClass);
    this.assertLoadedAggregatesRegistered();
    this.events.register(...(definition.events ?? []));
    if (this.events.types().some((type) => personalDataOf(this.events.classOf(type)).fields.length > 0)) {
      this.events.register(SubjectForgotten);
    }
    this.events.addUpcasters(...(definition.upcasters ?? [])).seal();
    this.personal = new PersonalDataCatalog(this.events);
  }

  /** The aggregate class of a type name. */
  aggregate(type: string): AggregateClass {
    const cls = this.aggregateTypes.get(type);
    if (!cls) throw new UnknownTypeError('aggregate type', type);
    return cls;
  }

  /** The route of a command name. */
  command(name: string): CommandRoute {
    const route = this.commandRoutes.get(name);
    if (!route) throw new UnknownTypeError('command', name);
    return route;
  }

  /** Every registered command name. */
  commandNames(): string[] {
    return [...this.commandRoutes.keys()];
  }

  /** Every registered aggregate type. */
  aggregateTypeNames(): string[] {
    return [...this.aggregateTypes.keys()];
  }

  /** The event types an aggregate type applies; undefined for a type the domain does not register. */
  eventTypesOf(aggregateType: string): ReadonlySet<string> | undefined {
    if (aggregateType === DATA_SUBJECT_TYPE && this.personal.declared) return new Set(['SubjectForgotten']);
    const cls = this.aggregateTypes.get(aggregateType);
    return cls ? new Set(aggregateInfoOf(cls).appliers.keys()) : undefined;
  }

  /** Every aggregate a command `@Loads` must be part of the domain, or the dispatcher could not load it. */
  private assertLoadedAggregatesRegistered(): void {
    for (const route of this.commandRoutes.values()) {
      for (const load of route.info.loads) {
        const loaded = load.aggregate();
        if (typeof loaded !== 'function') {
          throw new ConfigurationError(
            `@Loads on command ${route.info.name} (field ${load.field}) returned ${describeValue(loaded)}: ` +
              likelyCause(loaded, 'aggregate class'),
            { command: route.info.name, field: load.field },
          );
        }
        if (this.aggregateTypes.get(aggregateInfoOf(loaded).type) !== loaded) {
          throw new ConfigurationError(
            `command ${route.info.name} loads ${loaded.name} (field ${load.field}), which is not in the domain`,
            { command: route.info.name, field: load.field },
          );
        }
      }
    }
  }

  private addAggregate(aggregateClass: AggregateClass): void {
    const info = aggregateInfoOf(aggregateClass);
    const existing = this.aggregateTypes.get(info.type);
    if (existing === aggregateClass) return;
    if (existing) {
      throw new ConfigurationError(`aggregate type ${info.type} is declared by two classes`, {
        type: info.type,
      });
    }
    this.aggregateTypes.set(info.type, aggregateClass);
    for (const applier of info.appliers.values()) this.events.register(applier.eventClass);
    for (const commandClass of info.handlers.keys()) {
      const commandInfo = commandInfoOf(commandClass);
      const taken = this.commandRoutes.get(commandInfo.name);
      if (taken) {
        throw new ConfigurationError(`command ${commandInfo.name} is handled by two aggregates`, {
          command: commandInfo.name,
        });
      }
      this.commandRoutes.set(commandInfo.name, { commandClass, info: commandInfo, aggregateClass });
    }
  }
}

/** Builds and checks a domain model. */
export function defineDomain(definition: DomainDefinition): DomainModel {
  return new DomainModel(definition);
}
