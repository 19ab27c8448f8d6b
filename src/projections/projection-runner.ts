import { isSubjectStreamId } from '../domain/personal/subject-forgotten';
import { groupByStream, type StoredEvent } from '../domain/stored-event';
import type { DeadLetter } from './dead-letters';
import { type AnyProjection, bindProjectionInstances, type ProjectionBinding } from './projection-binding';
import { type AggregateEventTypes, ProjectionInterest } from './projection-interest';
import { StreamApplier, type StreamApplierDeps } from './stream-applier';
import type { ProjectionPointer, ProjectionPointerStore } from './table-pointer';
import { forgetTargetsOf, type ReplayOrigin, targetsOf } from './targets';
import { decideRelease } from './version-gate';

/** What a runner needs: the projections of this consumer, the pointer store, and what a stream applier needs. */
export interface ProjectionRunnerDeps extends StreamApplierDeps {
  readonly projections: readonly AnyProjection[];
  readonly pointers: ProjectionPointerStore;
  /**
   * The event types of each aggregate type (the domain's `eventTypesOf`): a projection handling none of a type's
   * events then sends no request for its streams. Without it every projection reads and moves every gate.
   */
  readonly aggregateEventTypes?: AggregateEventTypes;
}

/** A delivery: events (one record's envelope) and the replay they belong to, if any. */
export interface Delivery {
  readonly events: readonly StoredEvent[];
  readonly replay?: ReplayOrigin;
}

/** What a redrive did with one dead letter. */
export type ReleaseOutcome = 'released' | 'failed-again' | 'stale';

/**
 * Applies deliveries to every projection of one consumer, through the version gate, to the tables the
 * projection pointers name. Several projections share one runner; each keeps its own gates.
 * @example
 * const runner = new ProjectionRunner({ projections: [new OrderDocuments()], registry: model.events, ... });
 * await runner.deliver({ events });
 */
export class ProjectionRunner {
  private readonly bindings: Map<string, ProjectionBinding>;
  private readonly applier: StreamApplier;
  private readonly interest: ProjectionInterest;

  constructor(private readonly deps: ProjectionRunnerDeps) {
    this.bindings = bindProjectionInstances(deps.projections, deps.registry);
    this.applier = new StreamApplier(deps);
    this.interest = new ProjectionInterest(deps.aggregateEventTypes);
  }

  /** The names of the projections this runner serves. */
  projectionNames(): string[] {
    return [...this.bindings.keys()];
  }

  /**
   * Applies one delivery to every projection table it concerns. A projection the delivery does not concern (a
   * replay of another projection, or streams of aggregate types it handles no event of) costs no request.
   */
  async deliver(
    delivery: Delivery,
    pointers: ProjectionPointerStore = this.deps.pointers,
    skip: ReadonlySet<string> = new Set(),
  ): Promise<void> {
    const streams = byStream(delivery.events);
    await Promise.all(
      [...this.bindings.values()].map(async (binding) => {
        if (skip.has(binding.info.name)) return;
        const only = delivery.replay?.projection;
        if (only !== undefined && only !== binding.info.name) return;
        const concerned = [...streams].filter(([id, events]) => this.interest.concerns(binding, id, events));
        if (concerned.length === 0) return;
        const pointer = await pointers.get(binding.info.name);
        // In targetsOf's order: the table applied live first records a query's answer before the other reads it.
        for (const at of targetsOf(pointer, delivery.replay)) {
          for (const [streamId, events] of concerned)
            await this.applier.applyAll(binding, at, streamId, events);
        }
        await this.applyForgets(binding, pointer, delivery.replay, concerned);
      }),
    );
  }

  /**
   * Applies live events of several streams (a whole batch) to each row projection in one joint write, where it
   * can (see `applyJointly`): one batched gate read and one transaction for the batch instead of one of each
   * per stream. Returns the projections that are done with these events; `deliver` the events to the others.
   */
  async deliverJointly(events: readonly StoredEvent[], pointers = this.deps.pointers): Promise<Set<string>> {
    const streams = byStream(events);
    const done = new Set<string>();
    await Promise.all(
      [...this.bindings.values()].map(async (binding) => {
        if (binding.instance.kind !== 'rows') return;
        const concerned = [...streams].filter(([id, list]) => this.interest.concerns(binding, id, list));
        if (concerned.length < 2) return;
        const pointer = await pointers.get(binding.info.name);
        const [at, ...more] = targetsOf(pointer, undefined);
        if (!at || more.length > 0 || !(await this.applier.applyJointly(binding, at, concerned))) return;
        await this.applyForgets(binding, pointer, undefined, concerned);
        done.add(binding.info.name);
      }),
    );
    return done;
  }

  /** Applies the forgets (`SubjectForgotten` streams) among `concerned` to the tables only forgets reach (`forgetTargetsOf`). */
  private async applyForgets(
    binding: ProjectionBinding,
    pointer: ProjectionPointer,
    replay: ReplayOrigin | undefined,
    concerned: readonly [string, StoredEvent[]][],
  ): Promise<void> {
    const forgets = concerned.filter(([streamId]) => isSubjectStreamId(streamId));
    for (const at of forgets.length > 0 ? forgetTargetsOf(pointer, replay) : []) {
      for (const [streamId, events] of forgets) await this.applier.applyAll(binding, at, streamId, events);
    }
  }

  /**
   * Re-applies a parked event and, once it passes, the events held behind it (read from the store).
   * 'stale' when the stream is no longer parked at that version (already released, or a duplicate letter).
   */
  async release(letter: DeadLetter): Promise<ReleaseOutcome> {
    const binding = this.bindings.get(letter.projection);
    if (!binding) return 'stale';
    const at = { target: { projection: letter.projection, slot: letter.slot }, mode: letter.mode };
    const state = await this.deps.store.readState(at.target, letter.streamId);
    if (decideRelease(state, letter.version) === 'stale') return 'stale';
    const range = { fromVersion: letter.version, toVersion: letter.version };
    let parked: StoredEvent | undefined;
    for await (const event of this.deps.eventStore.readStream(letter.streamId, range)) parked = event;
    if (!parked) return 'stale';
    const next = await this.applier.applyOne(binding, at, state, parked, letter.version);
    if (!next) return 'stale';
    if (next.parked) return 'failed-again';
    await this.catchUp(binding, at, letter.streamId, next.version);
    return 'released';
  }

  private async catchUp(
    binding: ProjectionBinding,
    at: Parameters<StreamApplier['deliver']>[1],
    streamId: string,
    from: number,
  ) {
    let state = await this.deps.store.readState(at.target, streamId);
    for await (const event of this.deps.eventStore.readStream(streamId, { fromVersion: from + 1 })) {
      state = await this.applier.deliver(binding, at, state, event);
      if (state.parked) return;
    }
  }
}

/** Each stream's events, ascending, each version once (a batch may hold a record twice). */
function byStream(events: readonly StoredEvent[]): Map<string, StoredEvent[]> {
  const streams = groupByStream(events);
  for (const [id, list] of streams) {
    list.sort((a, b) => a.version - b.version);
    streams.set(
      id,
      list.filter((e, i) => i === 0 || e.version !== (list[i - 1] as StoredEvent).version),
    );
  }
  return streams;
}
