/** The parts of an aws-local-stepfunctions event-log entry the history counter reads. */
export interface LoggedEvent {
  readonly type: string;
  readonly state?: { readonly name: string; readonly type: string };
}

const ONE_EVENT = new Set([
  'ExecutionStarted',
  'ExecutionSucceeded',
  'ExecutionFailed',
  'ExecutionAborted',
  'ExecutionTimeout',
  'StateEntered',
]);

/**
 * Counts an execution's history the way a Standard workflow on AWS would: one event for the execution's start
 * and end, Entered/Exited per state, and per task attempt Scheduled, Started and Succeeded/Failed (a service
 * integration such as startExecution also logs Submitted). The local endpoint uses it to enforce the history limit.
 */
export class HistoryCounter {
  private count = 0;

  constructor(private readonly submitsOf: (stateName: string) => boolean) {}

  get events(): number {
    return this.count;
  }

  /** Adds what one logged event stands for; returns the running total. */
  add(event: LoggedEvent): number {
    this.count += this.costOf(event);
    return this.count;
  }

  private costOf(event: LoggedEvent): number {
    if (ONE_EVENT.has(event.type)) return 1;
    const task = event.state?.type === 'Task';
    const attempt = task ? 3 + (this.submitsOf(event.state?.name ?? '') ? 1 : 0) : 0;
    if (event.type === 'StateExited') return 1 + attempt;
    return event.type === 'StateFailed' ? attempt : 0;
  }
}
