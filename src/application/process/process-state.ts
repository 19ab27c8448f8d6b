import type { StoredEvent } from '../../domain/stored-event';
import type { ProcessBinding } from './process-binding';
import {
  type Decisions,
  type EffectsDone,
  hasEffects,
  type InputHeld,
  type InputParked,
  type OutcomeInput,
  type ProcessInput,
  ProcessEventTypes,
  type StepTaken,
} from './process-records';
import { type RecordView, subjectsOfInput, withRerunCommands } from './process-privacy';
import type { TimerRequest } from './timer-scheduler';

/** A process instance as its stream tells it: the user's state and what the runner keeps beside it. */
export interface ProcessState<S = unknown> {
  readonly process: string;
  readonly processId: string;
  readonly streamId: string;
  /** The version of the process stream; 0 for an instance with no record yet. */
  version: number;
  /** The last stored event of the stream, as the store returned it. */
  head?: StoredEvent;
  state: S;
  started: boolean;
  completed: boolean;
  /** The last version handled (or parked or held) of each source stream. */
  sources: Record<string, number>;
  /** Timers scheduled and neither fired nor cancelled, by name. */
  timers: Record<string, TimerRequest>;
  /**
   * A step whose commands and timers are not yet known to be carried out, with the data subjects of its input
   * (what it refuses is sealed for them).
   */
  open?: { readonly version: number; readonly decisions: Decisions; readonly subjects: readonly string[] };
  /** Refused commands not yet handed back to the process. */
  outcomes: OutcomeInput[];
  /** The input waiting in the dead-letter queue; nothing passes it. */
  parked?: { readonly version: number; readonly input: ProcessInput };
  /** Inputs that arrived while one was parked, in order. */
  held: ProcessInput[];
}

/** A new instance, before its first record. */
export function emptyState<S>(binding: ProcessBinding, processId: string, streamId: string): ProcessState<S> {
  return {
    process: binding.info.name,
    processId,
    streamId,
    version: 0,
    state: binding.initialState() as S,
    started: false,
    completed: false,
    sources: {},
    timers: {},
    outcomes: [],
    held: [],
  };
}

function noteSource(s: ProcessState, input: ProcessInput): void {
  if (input.kind === 'event')
    s.sources[input.streamId] = Math.max(s.sources[input.streamId] ?? 0, input.version);
}

function applyDecisions(s: ProcessState, version: number, decisions: Decisions, subjects: string[]): void {
  for (const { name } of decisions.cancel) delete s.timers[name];
  for (const timer of decisions.schedule) s.timers[timer.name] = timer;
  if (decisions.complete) s.completed = true;
  s.open = hasEffects(decisions) ? { version, decisions, subjects } : undefined;
}

function takeStep(
  s: ProcessState,
  binding: ProcessBinding,
  event: StoredEvent,
  data: StepTaken,
  view?: RecordView,
): void {
  const { input } = data;
  const scope = { ...s, inputId: input.id, now: new Date(input.at), pendingTimers: s.timers };
  const ran = binding.run(s.state, view?.input ?? input, scope);
  s.state = ran.state;
  if (data.starts) s.started = true;
  noteSource(s, input);
  if (input.kind === 'timer') delete s.timers[input.name];
  if (s.parked?.input.id === input.id) s.parked = undefined;
  s.held = s.held.filter((held) => held.id !== input.id);
  s.outcomes = s.outcomes.filter((outcome) => outcome.id !== input.id);
  const decisions = withRerunCommands(view?.decisions ?? data.decisions, ran.decisions);
  applyDecisions(s, event.version, decisions, subjectsOfInput(input));
}

/**
 * Folds one recorded event into the instance's state. The user's state is rebuilt by running the handlers again
 * on the recorded inputs (their decisions were recorded and are not taken again). `view` is the step as the
 * handlers see it (input revealed, commands opened) when its input holds personal data; the state keeps the
 * recorded (sealed) input.
 */
export function foldProcessEvent(
  s: ProcessState,
  binding: ProcessBinding,
  event: StoredEvent,
  view?: RecordView,
): void {
  s.version = event.version;
  s.head = event;
  const data = event.data as unknown;
  switch (event.type) {
    case ProcessEventTypes.stepTaken:
      return takeStep(s, binding, event, data as StepTaken, view);
    case ProcessEventTypes.effectsDone:
      s.open = undefined;
      s.outcomes.push(...(data as EffectsDone).rejections);
      return;
    case ProcessEventTypes.inputParked: {
      const { input } = data as InputParked;
      s.parked = { version: event.version, input };
      s.outcomes = s.outcomes.filter((outcome) => outcome.id !== input.id);
      s.held = s.held.filter((held) => held.id !== input.id);
      return noteSource(s, input);
    }
    case ProcessEventTypes.inputHeld: {
      const { input } = data as InputHeld;
      s.held.push(input);
      return noteSource(s, input);
    }
    default:
      return;
  }
}
