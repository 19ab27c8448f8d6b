import type { CommitResult, EventStore } from '../../domain/ports';
import type { ProcessBinding } from './process-binding';
import { processStreamIdOf } from '../../domain/process-streams';
import { derivedId } from './process-ids';
import { ProcessPrivacy } from './process-privacy';
import { ProcessEventTypes } from './process-records';
import { emptyState, foldProcessEvent, type ProcessState } from './process-state';

/** The kinds of record a process stream holds, by event type. */
export type ProcessRecordType = (typeof ProcessEventTypes)[keyof typeof ProcessEventTypes];

/**
 * Reads and writes process streams in the event store. Every record carries an event id derived from what it
 * records (the input, or the step it closes), so writing it again is a duplicate append that changes nothing.
 */
export class ProcessJournal {
  constructor(
    private readonly store: Pick<EventStore, 'commit' | 'readStream'>,
    private readonly privacy = new ProcessPrivacy(),
  ) {}

  /**
   * The instance's state, rebuilt from its stream (the handlers run again on the recorded inputs, revealed first:
   * plaintext while their subjects' keys exist, the replacements after a forget).
   */
  async load<S = unknown>(binding: ProcessBinding, processId: string): Promise<ProcessState<S>> {
    const streamId = processStreamIdOf(binding.info.name, processId);
    const state = emptyState<S>(binding, processId, streamId);
    for await (const event of this.store.readStream(streamId)) {
      foldProcessEvent(state, binding, event, await this.privacy.viewOf(event));
    }
    return state;
  }

  /**
   * Appends one record at the version the state is at. Raises `ConcurrencyError` when another writer got there
   * first; a resend of the same record is answered with `duplicate: true`.
   */
  append(state: ProcessState, type: ProcessRecordType, key: string, data: object): Promise<CommitResult> {
    const eventId = derivedId(type, state.streamId, key);
    return this.store.commit({
      commitId: eventId,
      streams: [
        {
          streamId: state.streamId,
          expectedVersion: state.version,
          predecessor: state.head,
          events: [{ eventId, type, schemaVersion: 1, data: data as Record<string, unknown>, metadata: {} }],
        },
      ],
    });
  }
}
