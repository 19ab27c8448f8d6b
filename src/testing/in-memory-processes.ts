import type { CommandBus, ExecuteOptions } from '../application/commands/command-bus';
import type { AnyProcess, ProcessClass } from '../application/process/process';
import { processInfoOf } from '../application/process/process-decorators';
import {
  InMemoryProcessDeadLetters,
  redriveProcesses,
  type ProcessRedriveReport,
} from '../application/process/process-redrive';
import { ProcessRunner } from '../application/process/process-runner';
import type { ProcessState } from '../application/process/process-state';
import type { Duration } from '../domain/duration';
import type { DomainModel } from '../domain/domain-model';
import type { PersonalDataCodec } from '../domain/personal/personal-data-codec';
import type { StoredEvent } from '../domain/stored-event';
import type { InMemoryEventStore } from './in-memory-event-store';
import { InMemoryTimerScheduler } from './in-memory-timer-scheduler';
import type { TestClock } from './test-clock';

/** What the in-memory app's process managers need. */
export interface InMemoryProcessesDeps {
  readonly model: DomainModel;
  /** The app's process managers, built on first use. */
  readonly processes: () => readonly AnyProcess[];
  readonly events: InMemoryEventStore;
  readonly bus: CommandBus;
  readonly clock: TestClock;
  /** Hands stored events to the projections. */
  readonly project: (events: readonly StoredEvent[]) => Promise<void>;
  /** Reveals personal fields for the handlers and seals what they derive; absent when none is declared. */
  readonly personal?: PersonalDataCodec;
}

/** The process managers of an in-memory app: their runner, timers, dead letters, and the event pump. */
export interface InMemoryProcesses {
  readonly timers: InMemoryTimerScheduler;
  readonly deadLetters: InMemoryProcessDeadLetters;
  /** Hands stored events to the projections, then to the process managers, and so on for what they dispatch. */
  publish(events: readonly StoredEvent[]): Promise<void>;
  /** Moves the clock and fires the timers that fall due, then publishes what they dispatched. */
  advance(by: Duration): Promise<void>;
  state<S>(process: ProcessClass, processId: string): Promise<ProcessState<S>>;
  redrive(): Promise<ProcessRedriveReport>;
}

/**
 * Runs an app's process managers in memory: the real runner over the in-memory store, the command bus and the
 * in-memory timer scheduler. Events flow like on the pipeline: every commit goes to the projections, then to the
 * process managers; the commands they dispatch commit events that flow on in turn.
 */
export function inMemoryProcesses(deps: InMemoryProcessesDeps): InMemoryProcesses {
  const queue: StoredEvent[][] = [];
  let pumping: Promise<void> | undefined;
  const timers = new InMemoryTimerScheduler({ clock: deps.clock });
  const deadLetters = new InMemoryProcessDeadLetters();
  const commands = {
    async dispatch(name: string, input: unknown, options?: ExecuteOptions) {
      const outcome = await deps.bus.dispatch(name, input, options);
      if (outcome.events.length > 0) queue.push([...outcome.events]);
      return outcome;
    },
  };
  let built: ProcessRunner | undefined;
  const runner = () =>
    (built ??= new ProcessRunner({
      processes: deps.processes(),
      model: deps.model,
      eventStore: deps.events,
      commands,
      timers,
      deadLetters,
      retryDelayMs: 0,
      clock: () => deps.clock.now(),
      personal: deps.personal,
    }));
  const pump = async () => {
    for (let batch = queue.shift(); batch; batch = queue.shift()) {
      await deps.project(batch);
      if (built || deps.processes().length > 0) await runner().deliver({ events: batch });
    }
  };
  const drain = async () => {
    pumping ??= pump().finally(() => (pumping = undefined));
    await pumping;
  };
  timers.deliverTo({ onTimerFired: (fired) => runner().onTimerFired(fired) });
  return {
    timers,
    deadLetters,
    async publish(events) {
      if (events.length > 0) queue.push([...events]);
      await drain();
    },
    async advance(by) {
      await timers.advance(by);
      await drain();
    },
    state: (process, processId) => runner().load(processInfoOf(process).name, processId),
    async redrive() {
      const report = await redriveProcesses(runner(), deadLetters);
      await drain();
      return report;
    },
  };
}
