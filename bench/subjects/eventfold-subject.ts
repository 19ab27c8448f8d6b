import { randomUUID } from 'node:crypto';
import type { EventStore } from '../../src/domain/ports';
import { type AppendSubject, benchPayload } from './append-subject';

/** eventfold's DynamoDB event store: validation, limits, time index, then the conditional write. */
export function eventfoldSubject(store: EventStore): AppendSubject {
  return {
    name: 'eventfold',
    async append(stream, expectedVersion, count) {
      const events = Array.from({ length: count }, (_, i) => ({
        eventId: randomUUID(),
        type: 'BenchEvent',
        schemaVersion: 1,
        data: benchPayload(expectedVersion + i),
      }));
      await store.commit({
        commitId: randomUUID(),
        streams: [{ streamId: stream, expectedVersion, events }],
      });
    },
  };
}
