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
import { sampleRegistry } from './sample-projections';

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

/** What a harness may be given instead of its defaults. */
export interface HarnessOptions<S extends InMemoryReadModelStore> {
  readonly registry?: EventRegistry;
  readonly pointers?: ProjectionPointerStore;
  readonly store?: S;
}

/**
 * A runner over in-memory stores, with everything it touched exposed: by default the sample events' registry, a
 * fixed pointer (every projection on its blue table) and a fresh store. `append` stores events in the event list
 * and returns them, ready to deliver.
 */
export function harness<S extends InMemoryReadModelStore = InMemoryReadModelStore>(
  projections: AnyProjection[],
  options: HarnessOptions<S> = {},
) {
  const { registry = sampleRegistry(), pointers = new FixedPointerStore() } = options;
  const store = options.store ?? (new InMemoryReadModelStore() as S);
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
  const append = (streamId: string, ...stored: object[]) =>
    stored.map((event) => events.append(registry, streamId, event));
  return { runner, store, deadLetters, journal, events, append };
}
