import { Logger } from '@aws-lambda-powertools/logger';
import { randomUUID } from 'node:crypto';
import type { Aggregate } from '../../domain/aggregate';
import { type AggregateClass, aggregateInfoOf } from '../../domain/aggregate-metadata';
import type { DomainModel } from '../../domain/domain-model';
import type { CommitResult, EventStore, SnapshotStore, StreamAppend } from '../../domain/ports';
import { snapshotDue, snapshotTagOf } from '../../domain/snapshots';
import type { PersonalDataCodec } from '../../domain/personal/personal-data-codec';
import type { EventMetadata, StoredEvent } from '../../domain/stored-event';
import { History } from './history';

/** Options of a repository. */
export interface AggregateRepositoryOptions {
  /** Where snapshot failures are logged; a Powertools logger for service `eventfold` when absent. */
  readonly logger?: Logger;
  /**
   * Reads personal fields back (the plaintext, or the replacement of a forgotten subject); needed when the domain
   * declares personal data. An aggregate that applies events with personal fields is never snapshotted: a snapshot
   * would keep the plaintext past a forget.
   */
  readonly personal?: PersonalDataCodec;
}

/** Options of one save. */
export interface SaveOptions {
  /** Metadata put on every event of the commit (correlation and causation ids, actor). */
  readonly metadata?: EventMetadata;
  /** The commit id; a new UUID when absent. */
  readonly commitId?: string;
  /**
   * Derive the event ids from this id (`<commandId>:<n>`, n counting over the commit) instead of drawing fresh
   * ones, and use it as commit id: the store then answers a resend as a duplicate.
   */
  readonly commandId?: string;
}

/**
 * How many first events a load of a snapshotted aggregate reads before its snapshot: a stream this long or shorter
 * loads with that one read (about 4 KB of events of 0.5 KB, one read unit) and no snapshot read.
 */
export const SHORT_STREAM = 8;

/**
 * Loads aggregates from their latest matching snapshot plus the events after it, and saves the events they
 * recorded in one atomic commit at the version they were loaded at, then takes snapshots by each aggregate's
 * policy. A failed snapshot write is logged and never fails the save: the events are what counts.
 * @example
 * const repository = new AggregateRepository(store, snapshots, model);
 * const order = await repository.load(Order, '42');
 * handleCommand(order, new CancelOrder('42'));
 * await repository.save(order, { metadata: { correlationId } });
 */
export class AggregateRepository {
  private readonly logger: Logger;
  private readonly personal: PersonalDataCodec | undefined;
  /** The last stored event each loaded or saved aggregate is at, as the store returned it. */
  private readonly heads = new WeakMap<Aggregate, StoredEvent>();

  constructor(
    private readonly store: EventStore,
    private readonly snapshots: SnapshotStore | undefined,
    private readonly model: DomainModel,
    options: AggregateRepositoryOptions = {},
  ) {
    this.logger = options.logger ?? new Logger({ serviceName: 'eventfold' });
    this.personal = options.personal;
  }

  /**
   * The aggregate at its latest version; a new one (version 0) when its stream has no events. An aggregate that
   * takes snapshots reads its first `SHORT_STREAM` events first and its snapshot only when the stream is longer:
   * a short stream loads with one read, a long one pays that read on top of the snapshot and the events after it.
   */
  async load<A extends Aggregate>(aggregateClass: AggregateClass<A>, id: string): Promise<A> {
    const aggregate = new aggregateClass(id);
    const history = new History(aggregate, this.model, this.personal);
    if (this.snapshotted(aggregateClass)) {
      const head = await history.read(this.store, { fromVersion: 1, toVersion: SHORT_STREAM });
      if (head.length < SHORT_STREAM) return this.loaded(aggregate, await history.fold(head));
      const snapshot = await this.loadSnapshot(aggregateClass, aggregate.streamId);
      if (snapshot && snapshot.version > SHORT_STREAM)
        aggregate.restoreSnapshot(snapshot.state, snapshot.version);
      else await history.fold(head);
    }
    for await (const event of this.store.readStream(aggregate.streamId, {
      fromVersion: aggregate.version + 1,
    })) {
      const revealing = history.add(event);
      if (revealing) await revealing;
    }
    return this.loaded(aggregate, await history.fold([]));
  }

  /**
   * Commits the recorded events of every given aggregate in one atomic commit (each at the version it was
   * loaded at) and marks them committed. Returns undefined when none recorded anything.
   * Throws `ConcurrencyError` when another writer got there first; nothing is then written.
   */
  async save(
    aggregates: Aggregate | readonly Aggregate[],
    options: SaveOptions = {},
  ): Promise<CommitResult | undefined> {
    const touched = [...new Set(Array.isArray(aggregates) ? aggregates : [aggregates as Aggregate])].filter(
      (aggregate) => aggregate.pendingEvents.length > 0,
    );
    if (touched.length === 0) return undefined;
    let n = 0;
    const idOf = options.commandId === undefined ? () => randomUUID() : () => `${options.commandId}:${n++}`;
    const streams = touched.map((aggregate) => this.appendOf(aggregate, options.metadata, idOf));
    const freshEventIds = options.commandId === undefined;
    const commitId = options.commitId ?? options.commandId ?? randomUUID();
    const result = await this.store.commit({
      commitId,
      streams: streams.map((append) => ({ ...append, freshEventIds })),
    });
    const loadedAt = touched.map((aggregate) => aggregate.loadedVersion);
    touched.forEach((aggregate) => {
      aggregate.markCommitted();
      const head = result.events.findLast((event) => event.streamId === aggregate.streamId);
      if (head) this.heads.set(aggregate, head);
    });
    await Promise.all(
      touched.map((aggregate, i) => this.snapshotIfDue(aggregate, loadedAt[i]!, result.events)),
    );
    return result;
  }

  private appendOf(
    aggregate: Aggregate,
    metadata: EventMetadata | undefined,
    idOf: () => string,
  ): StreamAppend {
    const events = aggregate.pendingEvents.map((event) => ({
      ...this.model.events.serialize(event),
      eventId: idOf(),
      metadata: { ...metadata },
    }));
    const head = this.heads.get(aggregate);
    const predecessor = head?.version === aggregate.loadedVersion ? head : undefined;
    const expectedVersion = aggregate.loadedVersion;
    // Drawn ids are fresh, so the store need not look for them in the stream; derived ones it must (see save).
    return { streamId: aggregate.streamId, expectedVersion, events, predecessor, freshEventIds: true };
  }

  /** Records the last event a load read, so that the save names it as its predecessor. */
  private loaded<A extends Aggregate>(aggregate: A, last: StoredEvent | undefined): A {
    if (last) this.heads.set(aggregate, last);
    return aggregate;
  }

  /** Whether loads of the class read snapshots (it takes them, and applies no personal fields). */
  private snapshotted(aggregateClass: AggregateClass): boolean {
    const every = aggregateInfoOf(aggregateClass).options.snapshotEvery;
    return Boolean(this.snapshots && every && !this.holdsPersonalData(aggregateClass));
  }

  private async loadSnapshot(aggregateClass: AggregateClass, streamId: string) {
    if (!this.snapshots) return undefined;
    try {
      return await this.snapshots.load(streamId, snapshotTagOf(aggregateClass));
    } catch (error) {
      this.logger.warn('snapshot load failed; replaying every event', { streamId, error: error as Error });
      return undefined;
    }
  }

  private async snapshotIfDue(aggregate: Aggregate, fromVersion: number, stored: readonly StoredEvent[]) {
    const aggregateClass = aggregate.constructor as AggregateClass;
    if (!this.snapshots || !snapshotDue(aggregateClass, fromVersion, aggregate.loadedVersion)) return;
    if (this.holdsPersonalData(aggregateClass)) return;
    const takenAt = stored.find((event) => event.streamId === aggregate.streamId)?.committedAt;
    const snapshot = {
      streamId: aggregate.streamId,
      version: aggregate.loadedVersion,
      tag: snapshotTagOf(aggregateClass),
      state: aggregate.snapshotState(),
      takenAt: takenAt ?? new Date().toISOString(),
    };
    try {
      await this.snapshots.save(snapshot);
    } catch (error) {
      this.logger.error('snapshot write failed; the save itself succeeded', {
        streamId: snapshot.streamId,
        version: snapshot.version,
        error: error as Error,
      });
    }
  }

  private holdsPersonalData(aggregateClass: AggregateClass): boolean {
    const personal = this.model.personal;
    return (
      personal.declared &&
      [...aggregateInfoOf(aggregateClass).appliers.keys()].some((type) => personal.fieldsOf(type).length > 0)
    );
  }
}
