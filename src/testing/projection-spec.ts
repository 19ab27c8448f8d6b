import { AssertionError, deepStrictEqual } from 'node:assert';
import { EventRegistry } from '../domain/event-registry';
import { type EventClass, eventTypeOf } from '../domain/event-types';
import type { EventStore, ReadStreamOptions } from '../domain/ports';
import type { StoredEvent } from '../domain/stored-event';
import { SubjectForgotten, subjectStreamIdOf } from '../domain/personal/subject-forgotten';
import { FixedPointerStore } from '../projections/fixed-pointer-store';
import { InMemoryReadModelStore } from '../projections/in-memory-read-model-store';
import type { AnyProjection } from '../projections/projection-binding';
import { projectionInfoOf } from '../projections/projection-decorators';
import { ProjectionRunner } from '../projections/projection-runner';
import type { ReadModelDump } from '../projections/read-model-store';
import { InMemoryDeadLetters } from '../projections/redrive';
import type { Row } from '../projections/row-changes';
import { InMemoryAnswerJournal } from '../projections/side-effects';
import { findPlaintext, personalValuesOf } from './forget-check';

class ListEventStore implements Pick<EventStore, 'readStream'> {
  constructor(private readonly events: readonly StoredEvent[]) {}

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<StoredEvent> {
    const from = options.fromVersion ?? 1;
    const to = options.toVersion ?? Number.MAX_SAFE_INTEGER;
    yield* this.events.filter((e) => e.streamId === streamId && e.version >= from && e.version <= to);
  }
}

/**
 * Given events, expect a read model. The spec applies the events through the real runner and version gate
 * twice: once as delivered, and once with EVERY event delivered twice; both read models must be equal, and no
 * event may be parked as poison.
 * @example
 * await forProjection(new OrderDocuments())
 *   .given('Order#1', new OrderPlaced('1', lines), new OrderShipped('1'))
 *   .expectDocument('Order#1', { orderId: '1', status: 'shipped' });
 */
export class ProjectionSpec {
  private readonly events: StoredEvent[] = [];
  private committedAt = '2026-01-01T00:00:00.000Z';
  private result?: Promise<ReadModelDump>;

  constructor(
    private readonly projection: AnyProjection,
    private readonly registry: EventRegistry,
    private readonly ownsRegistry = false,
  ) {}

  /** Sets the commit time of the events given next (ISO-8601). */
  at(committedAt: string): this {
    this.committedAt = committedAt;
    return this;
  }

  /** Appends events to a stream, as the store would hold them (versions continue the stream). */
  given(streamId: string, ...events: object[]): this {
    for (const event of events) {
      if (this.ownsRegistry && !this.registry.has(eventTypeOf(event).type)) {
        this.registry.register(event.constructor as EventClass);
      }
      const version = this.events.filter((e) => e.streamId === streamId).length + 1;
      this.events.push({
        ...this.registry.serialize(event),
        eventId: `${streamId}@${version}`,
        streamId,
        version,
        commitId: `commit-${this.events.length + 1}`,
        committedAt: this.committedAt,
        metadata: {},
      });
    }
    this.result = undefined;
    return this;
  }

  /** The read model after the events (verified to be the same with every event delivered twice). */
  readModel(): Promise<ReadModelDump> {
    this.result ??= this.run();
    return this.result;
  }

  /** Expects the document of one stream (undefined: no document). */
  async expectDocument(streamId: string, expected: object | undefined): Promise<void> {
    deepStrictEqual((await this.readModel()).documents[streamId], expected);
  }

  /** Expects every document, by stream id. */
  async expectDocuments(expected: Record<string, object>): Promise<void> {
    deepStrictEqual((await this.readModel()).documents, expected);
  }

  /** Expects every row, by key. */
  async expectRows(expected: Record<string, Row>): Promise<void> {
    deepStrictEqual((await this.readModel()).rows, expected);
  }

  /**
   * The kit check of guarantee 14: forgets `subject` after the given events (delivers `SubjectForgotten`) and
   * expects no plaintext of any personal field the events hold for it anywhere in the read model. It fails naming
   * each field copied and where it is still found, so a projection must handle `SubjectForgotten` for every
   * personal field it copies.
   * @example
   * await forProjection(new MemberDirectory()).given('Member#m1', registered).expectForgotten('m1');
   */
  async expectForgotten(subject: string): Promise<void> {
    const values = personalValuesOf(this.events, subject, this.registry);
    this.given(subjectStreamIdOf(subject), Object.assign(new SubjectForgotten(), { subject }));
    const found = findPlaintext(await this.readModel(), values);
    if (found.length === 0) return;
    const name = projectionInfoOf(this.projection).name;
    const handles = projectionInfoOf(this.projection).handlers.has('SubjectForgotten');
    const lines = found.map((f) => `  ${f.type}.${f.field} in ${f.where}`);
    throw new AssertionError({
      message:
        `projection ${name} still holds personal data of forgotten subject ${subject}:\n${lines.join('\n')}\n` +
        (handles
          ? 'its SubjectForgotten handler must clear or replace these fields'
          : 'it must handle SubjectForgotten'),
    });
  }

  private async run(): Promise<ReadModelDump> {
    const once = await this.apply(1);
    const twice = await this.apply(2);
    try {
      deepStrictEqual(twice, once);
    } catch (error) {
      throw new AssertionError({
        message: `the read model differs when every event is delivered twice\n${(error as Error).message}`,
      });
    }
    return once;
  }

  private async apply(times: number): Promise<ReadModelDump> {
    const store = new InMemoryReadModelStore();
    const deadLetters = new InMemoryDeadLetters();
    const runner = new ProjectionRunner({
      projections: [this.projection],
      registry: this.registry,
      store,
      eventStore: new ListEventStore(this.events),
      pointers: new FixedPointerStore(),
      deadLetters,
      journal: new InMemoryAnswerJournal(),
      maxAttempts: 1,
    });
    for (const event of this.events)
      for (let i = 0; i < times; i += 1) await runner.deliver({ events: [event] });
    const [poison] = deadLetters.letters;
    if (poison) {
      throw new AssertionError({
        message: `${poison.streamId} v${poison.version} (${poison.eventType}) failed: ${poison.error}`,
      });
    }
    return store.dump({ projection: projectionInfoOf(this.projection).name, slot: 'blue' });
  }
}

/**
 * Starts a projection spec. Pass the domain's event registry when events need upcasters; otherwise the
 * projection's handled event classes and the given events' classes are registered on the fly.
 */
export function forProjection(projection: AnyProjection, registry?: EventRegistry): ProjectionSpec {
  if (registry) return new ProjectionSpec(projection, registry);
  const own = new EventRegistry();
  for (const handler of projectionInfoOf(projection).handlers.values()) own.register(handler.eventClass);
  return new ProjectionSpec(projection, own, true);
}
