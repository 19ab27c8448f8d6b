import type { DomainModel } from '../../domain/domain-model';
import { failureText } from '../../domain/personal/failure-text';
import type { PersonalDataCodec } from '../../domain/personal/personal-data-codec';
import { ErrorCodes, hasErrorCode } from '../../domain/errors';
import type { CommitResult, EventStore } from '../../domain/ports';
import { type CommandDispatcher, dispatchOnce, tookEffect } from './command-effects';
import type { ProcessBinding, StepResult } from './process-binding';
import type { ProcessDeadLetter, ProcessDeadLetterQueue } from './process-dead-letters';
import type { ProcessJournal, ProcessRecordType } from './process-journal';
import {
  type DispatchResult,
  type OutcomeInput,
  type ProcessInput,
  ProcessEventTypes,
} from './process-records';
import { type ProcessPrivacy, type RecordView, subjectsOfInput } from './process-privacy';
import { foldProcessEvent, type ProcessState } from './process-state';
import type { TimerScheduler } from './timer-scheduler';

/** What carrying out steps needs: the store, the command bus, the timers, the dead letters and retry settings. */
export interface ProcessStepDeps {
  readonly model: DomainModel;
  readonly eventStore: Pick<EventStore, 'commit' | 'readStream'>;
  readonly commands: CommandDispatcher;
  readonly timers: TimerScheduler;
  readonly deadLetters: ProcessDeadLetterQueue;
  /** Attempts of a failing handler before its input is parked; 3 when absent. */
  readonly maxAttempts?: number;
  /** Delay before the n-th retry of a handler is n times this; 20 ms when absent. */
  readonly retryDelayMs?: number;
  readonly clock?: () => Date;
  /** Reveals personal fields for the handlers and seals what they derive; absent when none is declared. */
  readonly personal?: PersonalDataCodec;
}

/** True when a write lost a race for the process stream (the caller reloads and decides again). */
export function lostRace(error: unknown): boolean {
  return hasErrorCode(error, ErrorCodes.concurrency);
}

/**
 * Takes the steps of one process instance: runs a handler and records its input and decisions, then carries out
 * the decisions (timers, then commands) and records that they are done, hands refused commands back, and takes
 * the inputs held behind a parked one once it is released. Every record is appended at the version the state
 * is at; losing a race throws `ConcurrencyError` for the caller to reload and go again.
 */
export class ProcessSteps {
  constructor(
    private readonly deps: ProcessStepDeps,
    private readonly journal: ProcessJournal,
    private readonly privacy: ProcessPrivacy,
  ) {}

  /** Runs the input's handler and records the step, or parks the input when the handler keeps failing. */
  async take(binding: ProcessBinding, s: ProcessState, input: ProcessInput, starts = false): Promise<void> {
    // Outside the attempts: a key store that cannot answer fails the delivery (retried), it parks no input.
    const revealed = await this.privacy.reveal(input, s.streamId);
    const ran = await this.runHandler(binding, s, revealed);
    if ('error' in ran) return this.park(binding, s, input, ran);
    const { decisions } = ran.result;
    const recorded = await this.privacy.seal(decisions, subjectsOfInput(input), s.streamId);
    const data = { input, decisions: recorded, ...(starts ? { starts } : {}) };
    const result = await this.journal.append(s, ProcessEventTypes.stepTaken, input.id, data);
    await this.advance(binding, s, result, {
      input: revealed,
      decisions: { ...recorded, commands: decisions.commands },
    });
    await this.drain(binding, s, result.duplicate ? undefined : s.open?.version);
  }

  /** Appends a record that needs no handler run (held input). */
  async record(binding: ProcessBinding, s: ProcessState, type: ProcessRecordType, key: string, data: object) {
    await this.advance(binding, s, await this.journal.append(s, type, key, data));
  }

  /**
   * Carries out what the instance still owes, in order: the effects of an open step, then refused commands, then
   * inputs held behind a released one. `fresh` is the version of a step this very call recorded (its commands
   * cannot have been dispatched yet, so they are not looked for in the store first).
   */
  async drain(binding: ProcessBinding, s: ProcessState, fresh?: number): Promise<void> {
    for (;;) {
      if (s.open) {
        await this.carryOut(binding, s, s.open.version === fresh);
        continue;
      }
      if (s.parked) return;
      const next = s.outcomes[0] ?? s.held[0];
      if (!next) return;
      await this.take(binding, s, next);
    }
  }

  private async carryOut(binding: ProcessBinding, s: ProcessState, fresh: boolean): Promise<void> {
    const open = s.open as NonNullable<ProcessState['open']>;
    const { decisions } = open;
    await Promise.all(decisions.cancel.map((timer) => this.deps.timers.cancel(timer.timerId)));
    await Promise.all(decisions.schedule.map((timer) => this.deps.timers.schedule(timer)));
    const results: DispatchResult[] = [];
    const rejections: OutcomeInput[] = [];
    const metadata = { correlationId: s.streamId, causationId: s.head?.eventId, process: s.process };
    for (const command of decisions.commands) {
      if (!fresh && (await tookEffect(this.deps.eventStore, this.deps.model, command))) {
        results.push({ commandId: command.commandId, status: 'accepted' });
        continue;
      }
      const end = await dispatchOnce(
        this.deps.commands,
        this.deps.eventStore,
        this.deps.model,
        command,
        metadata,
      );
      results.push({ commandId: command.commandId, status: end.status });
      if (end.status === 'rejected') {
        const at = this.now().toISOString();
        const { commandId, name, input } = command;
        const id = `outcome-${commandId}`;
        const rejection = {
          kind: 'outcome' as const,
          id,
          commandId,
          command: name,
          input,
          error: end.error,
          at,
        };
        rejections.push(await this.privacy.sealRejection(rejection, open.subjects, s.streamId));
      }
    }
    const data = { step: open.version, results, rejections };
    await this.record(binding, s, ProcessEventTypes.effectsDone, String(open.version), data);
  }

  /** Folds what was appended; after a duplicate (another writer recorded it) reloads the whole stream. */
  private async advance(
    binding: ProcessBinding,
    s: ProcessState,
    result: CommitResult,
    view?: RecordView,
  ): Promise<void> {
    if (!result.duplicate) {
      for (const event of result.events) foldProcessEvent(s, binding, event, view);
      return;
    }
    Object.assign(s, await this.journal.load(binding, s.processId));
  }

  private async runHandler(
    binding: ProcessBinding,
    s: ProcessState,
    input: ProcessInput,
  ): Promise<{ result: StepResult } | { error: unknown; attempts: number }> {
    const maxAttempts = this.deps.maxAttempts ?? 3;
    const scope = { ...s, inputId: input.id, now: new Date(input.at), pendingTimers: s.timers };
    let error: unknown;
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      try {
        return { result: binding.run(s.state, input, scope) };
      } catch (failure) {
        error = failure;
        if (attempt < maxAttempts) await sleep((this.deps.retryDelayMs ?? 20) * attempt);
      }
    }
    return { error, attempts: maxAttempts };
  }

  /** Sends the letter first (a crash before the record leaves a stale letter, never a silent park), then records. */
  async park(
    binding: ProcessBinding,
    s: ProcessState,
    input: ProcessInput,
    failure: { error: unknown; attempts: number },
  ): Promise<void> {
    const error = failureText(failure.error, subjectsOfInput(input).length > 0);
    await this.deps.deadLetters.send(this.letterOf(s, input, error, failure.attempts));
    if (s.parked?.input.id === input.id) return;
    await this.record(binding, s, ProcessEventTypes.inputParked, input.id, {
      input,
      error,
      attempts: failure.attempts,
    });
  }

  private letterOf(s: ProcessState, input: ProcessInput, error: string, attempts: number): ProcessDeadLetter {
    const source =
      input.kind === 'event'
        ? { sourceStreamId: input.streamId, sourceVersion: input.version, eventType: input.type }
        : {};
    return {
      kind: 'process',
      process: s.process,
      processId: s.processId,
      streamId: s.streamId,
      version: s.parked?.input.id === input.id ? s.parked.version : s.version + 1,
      inputId: input.id,
      inputKind: input.kind,
      ...source,
      error,
      attempts,
      parkedAt: this.now().toISOString(),
    };
  }

  private now(): Date {
    return this.deps.clock?.() ?? new Date();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
