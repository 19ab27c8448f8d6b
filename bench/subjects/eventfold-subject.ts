import { randomUUID } from 'node:crypto';
import type { EventStore } from '../../src/domain/ports';
import type { StoredEvent } from '../../src/domain/stored-event';
import { type AppendSubject, benchPayload } from './append-subject';

/**
 * eventfold's DynamoDB event store: validation, limits, time index, then the conditional write.
 * `vouched` (the default): each writer passes the last event of its previous commit's result as the append's
 * predecessor, as the repository does for an aggregate it loaded or saved, so the store skips the check that
 * the expected version exists. Without it (as for `POST /events`), every append on an existing stream first reads
 * the expected version's event, strongly consistent, and then writes as with a predecessor. Either way the ids are
 * drawn here, fresh, as the repository's and those of a `POST /events` without `eventId` are.
 */
export function eventfoldSubject(store: EventStore, options: { vouched: boolean }): AppendSubject {
  const heads = new Map<string, StoredEvent>();
  return {
    name: options.vouched ? 'eventfold' : 'eventfold (expected version checked)',
    async append(stream, expectedVersion, count) {
      const events = Array.from({ length: count }, (_, i) => ({
        eventId: randomUUID(),
        type: 'BenchEvent',
        schemaVersion: 1,
        data: benchPayload(expectedVersion + i),
      }));
      const predecessor = options.vouched ? heads.get(stream) : undefined;
      const result = await store.commit({
        commitId: randomUUID(),
        streams: [{ streamId: stream, expectedVersion, events, predecessor, freshEventIds: true }],
      });
      if (options.vouched) heads.set(stream, result.events[result.events.length - 1]!);
    },
  };
}
