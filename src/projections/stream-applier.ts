import { ErrorCodes, hasErrorCode } from '../domain/errors';
import { failureText } from '../domain/personal/failure-text';
import { isSealedValue } from '../domain/personal/sealed-value';
import type { EventRegistry } from '../domain/event-registry';
import type { EventStore } from '../domain/ports';
import type { StoredEvent } from '../domain/stored-event';
import type { ApplyContext } from './apply-context';
import type { DeadLetter, DeadLetterQueue } from './dead-letters';
import { GapNotFilledError } from './projection-errors';
import { applyJointly, type StreamEvents } from './joint-rows';
import { computeChange, hasEffect, type ProjectionBinding } from './projection-binding';
import { foldRun } from './run-fold';
import type { GateStep, ReadModelChange, ReadModelStore, StreamState } from './read-model-store';
import { type AnswerJournal, SideEffectGateway } from './side-effects';
import type { ApplyTarget } from './targets';
import { decide } from './version-gate';

/** What the applier needs: the registry to decode, the stores, the dead-letter queue and retry settings. */
export interface StreamApplierDeps {
  readonly registry: EventRegistry;
  readonly store: ReadModelStore;
  readonly eventStore: Pick<EventStore, 'readStream'>;
  readonly deadLetters: DeadLetterQueue;
  readonly journal: AnswerJournal;
  /** Attempts of a failing handler before its event is parked; 3 when absent. */
  readonly maxAttempts?: number;
  /** Delay before the n-th retry is n times this; 20 ms when absent. */
  readonly retryDelayMs?: number;
  readonly clock?: () => Date;
  /** Reads an event's personal fields back (plaintext, or the replacement of a forgotten subject) before a handler. */
  readonly reveal?: (event: StoredEvent) => Promise<StoredEvent>;
}

const NONE: ReadModelChange = { kind: 'none' };

/** Applies the events of one stream to one projection table through the version gate. */
export class StreamApplier {
  constructor(private readonly deps: StreamApplierDeps) {}

  /** Applies events of one stream (ascending) to a target: duplicates skipped, gaps filled, parked streams held. */
  async applyAll(
    binding: ProjectionBinding,
    at: ApplyTarget,
    streamId: string,
    events: readonly StoredEvent[],
  ) {
    let state = await this.firstState(binding, at, events);
    for (let i = 0; i < events.length;) {
      const run = this.runWithoutEffect(binding, at, state, events, i);
      if (run.length >= 2) {
        // Consecutive events this projection ignores move the gate in one write instead of one each.
        const step = { from: state.version, to: (run[run.length - 1] as StoredEvent).version, change: NONE };
        const moved = await this.deps.store.commit(at.target, streamId, step);
        state = moved
          ? { version: step.to, document: state.document }
          : await this.deps.store.readState(at.target, streamId);
        if (moved) i += run.length;
        continue;
      }
      const folded = await this.applyFold(binding, at, state, events, i);
      if (folded) {
        state = folded.state;
        i += folded.consumed;
        continue;
      }
      state = await this.deliver(binding, at, state, events[i] as StoredEvent);
      i += 1;
    }
    return state;
  }

  /**
   * The gate to start from, at no cost where the projection can: a row or SQL projection assumes the gate is right
   * behind the first event (as it is whenever the events before were delivered), a document projection needs its
   * document and reads it eventually consistent (except for a stream's first event: version 0 and no document).
   * Either may be wrong; it is marked unconfirmed, so that only a conditional write acts on it (a wrong guess
   * makes the write fail and the gate is then read strongly) and a skip re-reads it strongly first.
   */
  private firstState(binding: ProjectionBinding, at: ApplyTarget, events: readonly StoredEvent[]) {
    const [first] = events;
    if (first && first.version > 1 && binding.instance.kind === 'document')
      return this.deps.store.readState(at.target, first.streamId, 'eventual');
    return Promise.resolve<StreamState>({ version: (first?.version ?? 1) - 1, unconfirmed: true });
  }

  /** Applies the live events of several streams to a row projection in one write; false when it cannot. */
  applyJointly(binding: ProjectionBinding, at: ApplyTarget, streams: readonly StreamEvents[]) {
    if (binding.instance.kind !== 'rows') return Promise.resolve(false);
    return applyJointly(this.deps.store, at, streams, (s, e) => this.runHandler(binding, at, s, e));
  }

  /**
   * A projection applies consecutive events in one write: the document after the last of them, or the rows'
   * merged changes, and the gate's move past it (a handler that fails parks its event after the fold is
   * written). Undefined when there is nothing to fold, or the fold is too large to store: then events go one
   * at a time.
   */
  private async applyFold(
    binding: ProjectionBinding,
    at: ApplyTarget,
    state: StreamState,
    events: readonly StoredEvent[],
    start: number,
  ): Promise<{ state: StreamState; consumed: number } | undefined> {
    const { kind } = binding.instance;
    const fold = await foldRun(kind, state, events, start, (s, e) => this.runHandler(binding, at, s, e));
    if (!fold) return undefined;
    let current = state;
    const last = fold.folded[fold.folded.length - 1];
    if (last) {
      const step = { from: state.version, to: last.version, change: fold.change };
      const written = await this.commitFold(at, last.streamId, step);
      if (written === undefined) return undefined;
      if (!written) return { state: await this.deps.store.readState(at.target, last.streamId), consumed: 0 };
      const document = fold.change.kind === 'document' ? fold.change.document : state.document;
      current = { version: last.version, document };
    }
    if (!fold.failure) return { state: current, consumed: fold.folded.length };
    const { event } = fold.failure;
    const parked = await this.park(binding, at, current, event, fold.failure);
    const next = parked ?? (await this.deps.store.readState(at.target, event.streamId));
    return { state: next, consumed: fold.folded.length + 1 };
  }

  /** Commits a fold; undefined when the store can never hold the folded change (too large). */
  private async commitFold(at: ApplyTarget, streamId: string, step: GateStep): Promise<boolean | undefined> {
    try {
      return await this.deps.store.commit(at.target, streamId, step);
    } catch (error) {
      if (isPoisonCommit(error)) return undefined;
      throw error;
    }
  }

  /** The events from `start` on that directly follow the gate and that this projection does nothing with. */
  private runWithoutEffect(
    binding: ProjectionBinding,
    at: ApplyTarget,
    state: StreamState,
    events: readonly StoredEvent[],
    start: number,
  ): StoredEvent[] {
    const run: StoredEvent[] = [];
    if (state.parked) return run;
    for (let i = start; i < events.length; i += 1) {
      const event = events[i] as StoredEvent;
      if (event.version !== state.version + 1 + run.length || hasEffect(binding, event.type, at.mode)) break;
      run.push(event);
    }
    return run;
  }

  /** Brings the gate past `event`, filling any gap from the store first. */
  async deliver(binding: ProjectionBinding, at: ApplyTarget, initial: StreamState, event: StoredEvent) {
    let state = initial;
    for (;;) {
      const decision = decide(state, event.version);
      if (state.unconfirmed && (decision === 'held' || decision === 'gap')) {
        // A state that may be behind never holds an event back nor sends us to the store: confirm it first.
        state = await this.deps.store.readState(at.target, event.streamId);
        continue;
      }
      if (decision === 'held' || decision === 'duplicate') return state;
      if (decision === 'gap') {
        state = await this.fillGap(binding, at, state, event);
        continue;
      }
      const applied = await this.applyOne(binding, at, state, event);
      state = applied ?? (await this.deps.store.readState(at.target, event.streamId));
    }
  }

  /**
   * Applies the next event: runs the handler (retrying, then parking the event), then commits the change with
   * the gate's move. Undefined when the gate moved under us (the caller re-reads it).
   */
  async applyOne(
    binding: ProjectionBinding,
    at: ApplyTarget,
    state: StreamState,
    event: StoredEvent,
    releases?: number,
  ): Promise<StreamState | undefined> {
    const outcome = await this.runHandler(binding, at, state, event);
    if ('error' in outcome) return this.park(binding, at, state, event, outcome);
    const { change } = outcome;
    const step = { from: state.version, to: event.version, change, releases };
    let written: boolean;
    try {
      written = await this.deps.store.commit(at.target, event.streamId, step);
    } catch (error) {
      // A change the store can never hold (too large, refused by the database) is poison too; anything else is
      // retried by redelivery.
      if (!isPoisonCommit(error)) throw error;
      return this.park(binding, at, state, event, { error, attempts: 1 });
    }
    if (!written) return undefined;
    return {
      version: event.version,
      document: change.kind === 'document' ? change.document : state.document,
    };
  }

  private async fillGap(
    binding: ProjectionBinding,
    at: ApplyTarget,
    initial: StreamState,
    event: StoredEvent,
  ) {
    let state = initial;
    const range = { fromVersion: state.version + 1, toVersion: event.version - 1 };
    for await (const missing of this.deps.eventStore.readStream(event.streamId, range)) {
      state = await this.deliver(binding, at, state, missing);
      if (state.parked) return state;
    }
    if (state.version < event.version - 1)
      throw new GapNotFilledError(event.streamId, state.version, event.version);
    return state;
  }

  private async runHandler(
    binding: ProjectionBinding,
    at: ApplyTarget,
    state: StreamState,
    event: StoredEvent,
  ): Promise<{ change: ReadModelChange } | { error: unknown; attempts: number }> {
    const maxAttempts = this.deps.maxAttempts ?? 3;
    // Outside the attempts: a key store that cannot answer fails the delivery (retried), it parks no event.
    const stored = this.deps.reveal ? await this.deps.reveal(event) : event;
    let error: unknown;
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      try {
        return {
          change: await computeChange(binding, this.deps.registry, state, this.context(binding, at, stored)),
        };
      } catch (failure) {
        error = failure;
        if (attempt < maxAttempts) await sleep((this.deps.retryDelayMs ?? 20) * attempt);
      }
    }
    return { error, attempts: maxAttempts };
  }

  private context(binding: ProjectionBinding, at: ApplyTarget, stored: StoredEvent): ApplyContext {
    const projection = binding.info.name;
    const where = { projection, streamId: stored.streamId, version: stored.version };
    return {
      projection,
      slot: at.target.slot,
      mode: at.mode,
      streamId: stored.streamId,
      version: stored.version,
      stored,
      effects: new SideEffectGateway(this.deps.journal, at.mode, where),
    };
  }

  private async park(
    binding: ProjectionBinding,
    at: ApplyTarget,
    state: StreamState,
    event: StoredEvent,
    failure: { error: unknown; attempts: number },
  ): Promise<StreamState | undefined> {
    const parkedAt = (this.deps.clock?.() ?? new Date()).toISOString();
    const error = failureText(failure.error, Object.values(event.data).some(isSealedValue));
    const letter: DeadLetter = {
      projection: binding.info.name,
      slot: at.target.slot,
      mode: at.mode,
      streamId: event.streamId,
      version: event.version,
      eventId: event.eventId,
      eventType: event.type,
      error,
      attempts: failure.attempts,
      parkedAt,
    };
    // The letter goes out first: a crash before the mark leaves a duplicate letter, never a silent park.
    await this.deps.deadLetters.send(letter);
    const mark = { version: event.version, error, parkedAt };
    if (state.parked) return { ...state, parked: mark };
    const parked = await this.deps.store.park(at.target, event.streamId, state.version, mark);
    return parked ? { ...state, parked: mark } : undefined;
  }
}

/** A commit that fails the same way every time: the change is too large, or the database refuses it. */
function isPoisonCommit(error: unknown): boolean {
  return hasErrorCode(error, ErrorCodes.limitExceeded) || hasErrorCode(error, ErrorCodes.readModelRejected);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
