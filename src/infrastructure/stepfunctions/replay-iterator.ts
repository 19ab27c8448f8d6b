import { ValidationError } from '../../domain/validation-error';
import {
  runReplayStep,
  type ReplayStepDeps,
  type ReplayStepInput,
} from '../../application/replay/replay-step';
import type { ReplayWorkflowState } from '../../application/replay/replay-workflow';

/** What the workflow's catch hands the failure task: the error name and cause of the failed step. */
export interface StepFailure {
  readonly Error?: string;
  readonly Cause?: string;
}

/** The iterator's input: a step of the replay, or the record of a failure after the step's retries. */
export type ReplayIteratorInput =
  | ({ readonly action: 'step' } & ReplayStepInput)
  | { readonly action: 'fail'; readonly replayId: string; readonly error?: StepFailure };

/** Everything the iterator needs; on AWS and locally the same objects over different endpoints. */
export type ReplayIteratorDeps = ReplayStepDeps;

function requireShape(input: unknown): ReplayIteratorInput {
  const record = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const okAction = record.action === 'step' || record.action === 'fail';
  const okId = typeof record.replayId === 'string' && record.replayId.length > 0;
  if (okAction && okId) return record as unknown as ReplayIteratorInput;
  const violations = [
    ...(okAction ? [] : [{ field: 'action', reasons: ["must be 'step' or 'fail'"] }]),
    ...(okId ? [] : [{ field: 'replayId', reasons: ['must be a non-empty string'] }]),
  ];
  throw new ValidationError('replay iterator input', violations);
}

function describeFailure(error: StepFailure | undefined): string {
  const cause = error?.Cause ?? '';
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: string };
    if (parsed.errorMessage) return `${error?.Error ?? 'Error'}: ${parsed.errorMessage}`;
  } catch {
    // the cause is plain text
  }
  return `${error?.Error ?? 'Error'}: ${cause}`.trim();
}

/**
 * Marks the replay FAILED with the step's error. A rebuild's replay can also fail after its last page, while its
 * steps check the flip gate: it is SUCCEEDED by then, and left so its rebuild would wait at the gate for good with
 * nothing checking it. It is marked FAILED too, so the rebuild's status shows the error and `resume` runs the
 * replay's last page and the gate again.
 */
async function recordFailure(replayId: string, error: string, deps: ReplayIteratorDeps): Promise<boolean> {
  if (await deps.statuses.finish(replayId, 'FAILED', ['RUNNING'], error)) return true;
  const status = await deps.statuses.get(replayId);
  const atGate = status?.state === 'SUCCEEDED' && status.target?.rebuildId !== undefined;
  return atGate && (await deps.statuses.finish(replayId, 'FAILED', ['SUCCEEDED'], error));
}

/**
 * The replay iterator (the Lambda function of the replay workflow's task states), as a plain function: a step
 * reads and publishes one page and returns the next workflow state; `fail` records the error on the replay status
 * so that the replay can be resumed from its cursor. The Lambda entrypoint and the local runtime both call this.
 * @example
 * export const handler = (event: unknown) => iterate(event, deps);
 */
export async function iterate(
  input: unknown,
  deps: ReplayIteratorDeps,
): Promise<ReplayWorkflowState | { readonly replayId: string; readonly recorded: boolean }> {
  const checked = requireShape(input);
  if (checked.action === 'fail') {
    const recorded = await recordFailure(checked.replayId, describeFailure(checked.error), deps);
    return { replayId: checked.replayId, recorded };
  }
  const { action: _action, ...step } = checked;
  return runReplayStep(step, deps);
}
