import type { TimerRequest } from './timer-scheduler';

/** A source event as a process records it: enough to run its handler again when the state is rebuilt. */
export interface EventInput {
  readonly kind: 'event';
  /** The source event's id. */
  readonly id: string;
  readonly streamId: string;
  readonly version: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: Record<string, unknown>;
  readonly at: string;
}

/** A due timer as a process records its firing. */
export interface TimerInput {
  readonly kind: 'timer';
  /** The timer's id. */
  readonly id: string;
  readonly name: string;
  readonly at: string;
  readonly payload?: Record<string, unknown>;
}

/** A refused command coming back to the process that dispatched it. */
export interface OutcomeInput {
  readonly kind: 'outcome';
  readonly id: string;
  readonly commandId: string;
  readonly command: string;
  readonly input: Record<string, unknown>;
  readonly error: { code: string; message: string; context: Record<string, unknown> };
  readonly at: string;
}

/** What a process handles: a source event, a timer, or a refused command. */
export type ProcessInput = EventInput | TimerInput | OutcomeInput;

/** A command a process decided to dispatch, with the id its events are derived from. */
export interface PlannedCommand {
  readonly commandId: string;
  readonly name: string;
  readonly input: Record<string, unknown>;
}

/** A timer cancellation a process decided. */
export interface CancelledTimer {
  readonly name: string;
  readonly timerId: string;
}

/** Everything one handler run decided. */
export interface Decisions {
  readonly commands: readonly PlannedCommand[];
  readonly schedule: readonly TimerRequest[];
  readonly cancel: readonly CancelledTimer[];
  readonly complete: boolean;
}

/** How a dispatched command ended. */
export interface DispatchResult {
  readonly commandId: string;
  readonly status: 'accepted' | 'rejected';
}

/** The event types a process stream holds. */
export const ProcessEventTypes = {
  /** An input was handled: the input and the decisions (data: `StepTaken`). */
  stepTaken: 'ProcessStepTaken',
  /** The commands and timers of a step were dispatched and scheduled (data: `EffectsDone`). */
  effectsDone: 'ProcessEffectsDone',
  /** An input's handler kept failing; it waits in the dead-letter queue, and later inputs behind it. */
  inputParked: 'ProcessInputParked',
  /** An input arrived while another was parked; it waits its turn. */
  inputHeld: 'ProcessInputHeld',
} as const;

/** Data of a `ProcessStepTaken` event. */
export interface StepTaken {
  readonly input: ProcessInput;
  readonly decisions: Decisions;
  /** True when the input started the instance. */
  readonly starts?: boolean;
}

/** Data of a `ProcessEffectsDone` event: which step, and the outcome of each of its commands. */
export interface EffectsDone {
  readonly step: number;
  readonly results: readonly DispatchResult[];
  /** The refused commands, handed back to the process as inputs in this order. */
  readonly rejections: readonly OutcomeInput[];
}

/** Data of a `ProcessInputParked` event. */
export interface InputParked {
  readonly input: ProcessInput;
  readonly error: string;
  readonly attempts: number;
}

/** Data of a `ProcessInputHeld` event. */
export interface InputHeld {
  readonly input: ProcessInput;
}

/** No decision at all. */
export const NO_DECISIONS: Decisions = { commands: [], schedule: [], cancel: [], complete: false };

/** True when a step has effects to carry out (commands to dispatch, timers to schedule or cancel). */
export function hasEffects(decisions: Decisions): boolean {
  return decisions.commands.length + decisions.schedule.length + decisions.cancel.length > 0;
}
