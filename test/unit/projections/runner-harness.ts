import type { EventRegistry } from '../../../src/domain/event-registry';
import type { EventStore, ReadStreamOptions } from '../../../src/domain/ports';
import type { StoredEvent } from '../../../src/domain/stored-event';
import { FixedPointerStore } from '../../../src/projections/fixed-pointer-store';
import { InMemoryReadModelStore } from '../../../src/projections/in-memory-read-model-store';
import type { AnyProjection } from '../../../src/projections/projection-binding';
import { ProjectionRunner } from '../../../src/projections/projection-runner';
import { InMemoryDeadLetters } from '../../../src/projections/redrive';
import { InMemoryAnswerJournal } from '../../../src/projections/side-effects';
import type { ProjectionPointerStore } from '../../../src/projections/table-pointer';

/** Stored events in memory, read like the event store reads them (a plain list, no logic under test). */
export class EventList implements Pick<EventStore, 'readStream'> {
  readonly events: StoredEvent[] = [];
  reads = 0;

  append(registry: EventRegistry, streamId: string, event: object, committedAt = '2026-03-01T10:00:00.000Z') {
    const version = this.events.filter((e) => e.streamId === streamId).length + 1;
    const stored: StoredEvent = {
      ...registry.serialize(event),
      eventId: `${streamId}@${version}`,
      streamId,
      version,
      commitId: `c${this.events.length}`,
      committedAt,
      metadata: {},
    };
    this.events.push(stored);
    return stored;
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<StoredEvent> {
    this.reads += 1;
    const from = options.fromVersion ?? 1;
    const to = options.toVersion ?? Number.MAX_SAFE_INTEGER;
    yield* this.events.filter((e) => e.streamId === streamId && e.version >= from && e.version <= to);
  }
}

/** A runner over in-memory stores, with everything it touched exposed. */
export function harness(
  projections: AnyProjection[],
  registry: EventRegistry,
  pointers: ProjectionPointerStore = new FixedPointerStore(),
  store = new InMemoryReadModelStore(),
) {
  const deadLetters = new InMemoryDeadLetters();
  const journal = new InMemoryAnswerJournal();
  const events = new EventList();
  const runner = new ProjectionRunner({
    projections,
    registry,
    store,
    eventStore: events,
    pointers,
    deadLetters,
    journal,
    maxAttempts: 2,
    retryDelayMs: 1,
  });
  return { runner, store, deadLetters, journal, events };
}
