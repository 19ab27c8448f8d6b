import type { Container } from 'inversify';
import { CommandBus } from '../../application/commands/command-bus';
import { SealingEventStore } from '../../application/personal/sealing-event-store';
import { AggregateRepository } from '../../application/repository/aggregate-repository';
import { ConfigurationError } from '../../domain/domain-errors';
import type { EventStore, SnapshotStore } from '../../domain/ports';
import { DynamoDbEventStore } from '../dynamodb/event-store';
import { DynamoDbSnapshotStore } from '../dynamodb/snapshot-store';
import { CoreTokens } from './core-bindings';
import { codecIn } from './personal-tokens';
import { type Get, provide, token } from './tokens';
import { UserTokens } from './user-bindings';

/** Tokens of the write side: the event store, snapshots, the repository and the command bus. */
export const WriteTokens = {
  eventStore: token<EventStore>('EventStore'),
  snapshotStore: token<SnapshotStore>('SnapshotStore'),
  repository: token<AggregateRepository>('AggregateRepository'),
  commandBus: token<CommandBus>('CommandBus'),
} as const;

/** A store that refuses commits: a role without subject keys must never store personal data in plaintext. */
function readOnly(store: EventStore): EventStore {
  return {
    commit: () => {
      throw new ConfigurationError(
        'this function binds no subject keys (bindPersonalData) and cannot commit',
      );
    },
    readStream: (streamId, options) => store.readStream(streamId, options),
    readAll: (options) => store.readAll(options),
  };
}

/** The DynamoDB event store itself, without sealing. */
function dynamoDbEventStore(get: Get): DynamoDbEventStore {
  const { eventsTable, controlTable, timeIndexShards } = get(CoreTokens.config);
  return new DynamoDbEventStore(get(CoreTokens.dynamodb), {
    eventsTable,
    controlTable,
    timeIndexShards,
    clock: get(CoreTokens.clock),
  });
}

/**
 * Binds the DynamoDB event store for a role that only reads it and runs none of the app's code (the replay iterator):
 * reads pass sealed fields through as they are stored, and a commit is refused (it would not be sealed).
 */
export function bindEventReader(container: Container): void {
  provide(container, WriteTokens.eventStore, (get) => readOnly(dynamoDbEventStore(get)));
}

/**
 * Binds the DynamoDB event store, sealing personal fields where the role binds subject keys and refusing commits
 * where the domain declares personal data but the role binds none: all a role that only reads the app's streams
 * needs (the projection consumer fills version gaps from it).
 */
export function bindEventStore(container: Container): void {
  provide(container, WriteTokens.eventStore, (get) => {
    const store = dynamoDbEventStore(get);
    const codec = codecIn(container, get);
    if (codec) return new SealingEventStore(store, codec);
    return get(CoreTokens.domain).personal.declared ? readOnly(store) : store;
  });
}

/** Binds the DynamoDB event and snapshot stores, the repository over them and the command bus. */
export function bindWriteSide(container: Container): void {
  bindEventStore(container);
  provide(container, WriteTokens.snapshotStore, (get) => {
    const { snapshotsTable } = get(CoreTokens.config);
    return new DynamoDbSnapshotStore(get(CoreTokens.dynamodb), { snapshotsTable });
  });
  provide(container, WriteTokens.repository, (get) => {
    const logger = get(CoreTokens.logger);
    const snapshots = get(WriteTokens.snapshotStore);
    return new AggregateRepository(get(WriteTokens.eventStore), snapshots, get(CoreTokens.domain), {
      logger,
      personal: codecIn(container, get),
    });
  });
  provide(
    container,
    WriteTokens.commandBus,
    (get) =>
      new CommandBus(get(CoreTokens.domain), get(WriteTokens.repository), {
        services: get(UserTokens.services),
      }),
  );
}
