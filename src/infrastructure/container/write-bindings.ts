import type { Container } from 'inversify';
import { CommandBus } from '../../application/commands/command-bus';
import { ForgetService } from '../../application/personal/forget-service';
import { SealingEventStore } from '../../application/personal/sealing-event-store';
import { AggregateRepository } from '../../application/repository/aggregate-repository';
import type { EventStore, SnapshotStore } from '../../domain/ports';
import { DynamoDbEventStore } from '../dynamodb/event-store';
import { DynamoDbSnapshotStore } from '../dynamodb/snapshot-store';
import { CoreTokens } from './core-bindings';
import { bindPersonalData, PersonalTokens } from './personal-bindings';
import { provide, token } from './tokens';
import { UserTokens } from './user-bindings';

/** Tokens of the write side: the event store, snapshots, the repository and the command bus. */
export const WriteTokens = {
  eventStore: token<EventStore>('EventStore'),
  snapshotStore: token<SnapshotStore>('SnapshotStore'),
  repository: token<AggregateRepository>('AggregateRepository'),
  commandBus: token<CommandBus>('CommandBus'),
} as const;

/** Binds the DynamoDB event and snapshot stores, the repository over them and the command bus. */
export function bindWriteSide(container: Container): void {
  bindPersonalData(container);
  provide(container, WriteTokens.eventStore, (get) => {
    const { eventsTable, controlTable, timeIndexShards } = get(CoreTokens.config);
    const store = new DynamoDbEventStore(get(CoreTokens.dynamodb), {
      eventsTable,
      controlTable,
      timeIndexShards,
      clock: get(CoreTokens.clock),
    });
    const codec = get(PersonalTokens.codec);
    return codec ? new SealingEventStore(store, codec) : store;
  });
  provide(container, WriteTokens.snapshotStore, (get) => {
    const { snapshotsTable } = get(CoreTokens.config);
    return new DynamoDbSnapshotStore(get(CoreTokens.dynamodb), { snapshotsTable });
  });
  provide(container, WriteTokens.repository, (get) => {
    const logger = get(CoreTokens.logger);
    const snapshots = get(WriteTokens.snapshotStore);
    return new AggregateRepository(get(WriteTokens.eventStore), snapshots, get(CoreTokens.domain), {
      logger,
      personal: get(PersonalTokens.codec),
    });
  });
  provide(
    container,
    PersonalTokens.forget,
    (get) => new ForgetService(get(PersonalTokens.subjectKeys), get(WriteTokens.eventStore)),
  );
  provide(
    container,
    WriteTokens.commandBus,
    (get) =>
      new CommandBus(get(CoreTokens.domain), get(WriteTokens.repository), {
        services: get(UserTokens.services),
      }),
  );
}
