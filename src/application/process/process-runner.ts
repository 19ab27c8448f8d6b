import { ConfigurationError } from '../../domain/domain-errors';
import type { StoredEvent } from '../../domain/stored-event';
import { groupByStream } from '../../domain/stored-event';
import { ProcessBinding } from './process-binding';
import type { ProcessDeadLetter } from './process-dead-letters';
import { isProcessStream } from '../../domain/process-streams';
import { ProcessJournal } from './process-journal';
import { ProcessPrivacy } from './process-privacy';
import type { AnyProcess } from './process';
import { type EventInput, type ProcessInput, ProcessEventTypes, type TimerInput } from './process-records';
import type { ProcessState } from './process-state';
import { lostRace, type ProcessStepDeps, ProcessSteps } from './process-steps';
import type { TimerFired, TimerFiredHandler } from './timer-scheduler';

/** What a process runner needs: the process managers, and what taking their steps needs. */
export interface ProcessRunnerDeps extends ProcessStepDeps {
  readonly processes: readonly AnyProcess[];
  /** How many times an input is decided again after losing a race for its process stream; 20 when absent. */
  readonly maxRaces?: number;
}

/** A delivery from the projection stream (or the replay stream, which a runner ignores). */
export interface ProcessDelivery {
  readonly events: readonly StoredEvent[];
  readonly replay?: unknown;
}

/** What a redrive did with one process dead letter. */
export type ProcessReleaseOutcome = 'released' | 'failed-again' | 'stale';

type Admission = 'take' | 'hold' | 'skip' | 'gap';

function inputOf(event: StoredEvent): EventInput {
  const { eventId, streamId, version, type, schemaVersion, data, committedAt } = event;
  return { kind: 'event', id: eventId, streamId, version, type, schemaVersion, data, at: committedAt };
}

/** Whether a timer is taken now, held behind a parked input, or skipped (cancelled, fired, unknown). */
function admitTimer(s: ProcessState, input: TimerInput): Admission {
  if (s.timers[input.name]?.timerId !== input.id) return 'skip';
  return s.parked ? 'hold' : 'take';
}

/** Whether a source event is taken now, held, skipped (duplicate, or for no live instance) or waits for a gap. */
function admitEvent(s: ProcessState, input: EventInput, starts: boolean, filled: boolean): Admission {
  const known = s.sources[input.streamId];
  if (known !== undefined && input.version <= known) return 'skip';
  if (s.completed || (!s.started && !starts && !s.parked)) return 'skip';
  if (known !== undefined && input.version > known + 1 && !filled) return 'gap';
  return s.parked ? 'hold' : 'take';
}

function admit(s: ProcessState, input: ProcessInput, starts: boolean, filled: boolean): Admission {
  if (s.parked?.input.id === input.id || s.held.some((held) => held.id === input.id)) return 'skip';
  if (input.kind === 'timer') return admitTimer(s, input);
  return input.kind === 'event' ? admitEvent(s, input, starts, filled) : 'skip';
}

/**
 * Runs process managers over the projection stream and their timers. Each (process, input) is handled once in
 * effect and in the instance's order: the step is recorded in the instance's stream under an id derived from the
 * input before anything is dispatched, the commands carry ids derived from (instance, input, index), and a
 * timer's firing is recorded only while the timer is pending. Replays are ignored: they never dispatch or schedule.
 * @example
 * const runner = new ProcessRunner({ processes: [new ReservationExpiry()], model, eventStore, commands: bus, timers, deadLetters });
 * await runner.deliver({ events });
 */
export class ProcessRunner implements TimerFiredHandler {
  private readonly bindings = new Map<string, ProcessBinding>();
  private readonly journal: ProcessJournal;
  private readonly steps: ProcessSteps;

  constructor(private readonly deps: ProcessRunnerDeps) {
    for (const process of deps.processes) {
      const binding = new ProcessBinding(process, deps.model);
      if (this.bindings.has(binding.info.name)) {
        throw new ConfigurationError(`process ${binding.info.name} is registered twice`, {
          process: binding.info.name,
        });
      }
      this.bindings.set(binding.info.name, binding);
    }
    const privacy = new ProcessPrivacy(deps.personal);
    this.journal = new ProcessJournal(deps.eventStore, privacy);
    this.steps = new ProcessSteps(deps, this.journal, privacy);
  }

  /** The names of the process managers this runner serves. */
  processNames(): string[] {
    return [...this.bindings.keys()];
  }

  /** Hands live events to every process handling them, per source stream in version order; replays are ignored. */
  async deliver(delivery: ProcessDelivery): Promise<void> {
    if (delivery.replay !== undefined) return;
    for (const [streamId, events] of groupByStream(delivery.events)) {
      if (isProcessStream(streamId)) continue;
      for (const event of [...events].sort((a, b) => a.version - b.version)) await this.deliverOne(event);
    }
  }

  /** Records a due timer's firing, once and only while it is pending, then carries out what its handler decided. */
  async onTimerFired(fired: TimerFired): Promise<void> {
    const binding = this.bindings.get(fired.process);
    if (!binding) return;
    const input = {
      kind: 'timer',
      id: fired.timerId,
      name: fired.name,
      at: fired.dueAt,
      payload: fired.payload,
    };
    await this.accept(binding, fired.processId, input as ProcessInput, false);
  }

  /** Runs a parked input again and, once it passes, the inputs held behind it; 'stale' when it is no longer parked. */
  async release(letter: ProcessDeadLetter): Promise<ProcessReleaseOutcome> {
    const binding = this.bindings.get(letter.process);
    if (!binding) return 'stale';
    return this.raced(async () => {
      const s = await this.journal.load(binding, letter.processId);
      const parked = s.parked?.input;
      if (parked?.id !== letter.inputId) return 'stale';
      await this.steps.take(binding, s, parked);
      return s.parked?.input.id === letter.inputId ? 'failed-again' : 'released';
    });
  }

  /** An instance's state rebuilt from its stream (running its handlers again over the recorded inputs). */
  async load<S = unknown>(process: string, processId: string): Promise<ProcessState<S>> {
    const binding = this.bindings.get(process);
    if (!binding) throw new ConfigurationError(`no process manager ${process}`, { process });
    return this.journal.load<S>(binding, processId);
  }

  private async deliverOne(event: StoredEvent): Promise<void> {
    for (const binding of this.bindings.values()) {
      const route = binding.route(event);
      if (route) await this.accept(binding, route.processId, inputOf(event), route.starts);
    }
  }

  private async accept(binding: ProcessBinding, processId: string, input: ProcessInput, starts: boolean) {
    let filled = false;
    while (!(await this.raced(() => this.acceptOnce(binding, processId, input, starts, filled))))
      filled = true;
  }

  /** One go at an input; false when it filled a gap first and must go again on the state that left. */
  private async acceptOnce(
    binding: ProcessBinding,
    processId: string,
    input: ProcessInput,
    starts: boolean,
    filled: boolean,
  ): Promise<boolean> {
    const s = await this.journal.load(binding, processId);
    await this.steps.drain(binding, s);
    const admission = admit(s, input, starts, filled);
    if (admission === 'gap') {
      await this.fillGap(binding, processId, s, input as EventInput);
      return false;
    }
    if (admission === 'hold') {
      await this.steps.record(binding, s, ProcessEventTypes.inputHeld, input.id, { input });
    } else if (admission === 'take') {
      await this.steps.take(binding, s, input, starts);
    }
    return true;
  }

  /** Hands this instance the events of the source stream it missed before `input` (those for other instances are not its). */
  private async fillGap(binding: ProcessBinding, processId: string, s: ProcessState, input: EventInput) {
    const range = { fromVersion: (s.sources[input.streamId] as number) + 1, toVersion: input.version - 1 };
    for await (const missing of this.deps.eventStore.readStream(input.streamId, range)) {
      const route = binding.route(missing);
      if (route?.processId === processId)
        await this.accept(binding, processId, inputOf(missing), route.starts);
    }
  }

  /** Runs `work` again after a lost race for the process stream, a bounded number of times. */
  private async raced<T>(work: () => Promise<T>): Promise<T> {
    const max = this.deps.maxRaces ?? 20;
    for (let race = 1; ; race += 1) {
      try {
        return await work();
      } catch (error) {
        if (!lostRace(error) || race >= max) throw error;
      }
    }
  }
}
