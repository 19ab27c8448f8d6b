import { instanceToPlain } from 'class-transformer';
import type { CommandClass } from '../../domain/aggregate-metadata';
import { commandInfoOf } from '../../domain/commands';
import { ValidationError } from '../../domain/validation-error';
import { parseDuration } from '../../domain/duration';
import type { ProcessContext, TimerWhen } from './process';
import { derivedId } from './process-ids';
import type { CancelledTimer, Decisions, PlannedCommand } from './process-records';
import type { TimerRequest } from './timer-scheduler';

/** Where a handler runs: the instance, the input it handles, its time, and the timers pending before it. */
export interface DecisionScope {
  readonly process: string;
  readonly processId: string;
  readonly streamId: string;
  readonly inputId: string;
  readonly now: Date;
  readonly pendingTimers: Readonly<Record<string, TimerRequest>>;
}

function dueAtOf(when: TimerWhen, now: Date): string {
  if ('at' in when) {
    const at = new Date(when.at);
    if (Number.isNaN(at.getTime())) {
      throw new ValidationError('timer', [{ field: 'at', reasons: ['must be a date or an ISO 8601 time'] }]);
    }
    return at.toISOString();
  }
  return new Date(now.getTime() + parseDuration(when.after)).toISOString();
}

/**
 * The `ProcessContext` a handler decides through: it only collects decisions, with ids derived from the
 * instance, the input and the position, so the same input decides the same ids every time.
 */
export class DecisionCollector implements ProcessContext {
  private readonly commands: PlannedCommand[] = [];
  private readonly scheduled = new Map<string, TimerRequest>();
  private readonly cancelled = new Map<string, CancelledTimer>();
  private completed = false;

  constructor(private readonly scope: DecisionScope) {}

  get process(): string {
    return this.scope.process;
  }

  get processId(): string {
    return this.scope.processId;
  }

  get now(): Date {
    return new Date(this.scope.now);
  }

  dispatch(command: object): void {
    const name = commandInfoOf(command.constructor as CommandClass).name;
    const commandId = derivedId('cmd', this.scope.streamId, this.scope.inputId, this.commands.length);
    this.commands.push({ commandId, name, input: instanceToPlain(command) as Record<string, unknown> });
  }

  schedule(name: string, when: TimerWhen, payload?: Record<string, unknown>): void {
    this.cancel(name);
    const { process, processId, streamId, inputId } = this.scope;
    this.scheduled.set(name, {
      timerId: derivedId('timer', streamId, inputId, name),
      process,
      processId,
      name,
      dueAt: dueAtOf(when, this.scope.now),
      ...(payload === undefined ? {} : { payload: JSON.parse(JSON.stringify(payload)) }),
    });
  }

  cancel(name: string): void {
    this.scheduled.delete(name);
    const pending = this.scope.pendingTimers[name];
    if (pending) this.cancelled.set(name, { name, timerId: pending.timerId });
  }

  complete(): void {
    this.completed = true;
  }

  /** Everything decided; completing cancels every timer still pending. */
  decisions(): Decisions {
    if (this.completed) {
      for (const name of Object.keys(this.scope.pendingTimers)) this.cancel(name);
      this.scheduled.clear();
    }
    return {
      commands: this.commands,
      schedule: [...this.scheduled.values()],
      cancel: [...this.cancelled.values()],
      complete: this.completed,
    };
  }
}
