import type { EventPublisher, EventStore } from '../../domain/ports';
import { NotFoundError } from '../../domain/domain-errors';
import { HistoryCost, mustContinueAsNew, spendIteration } from './history-budget';
import type { ReplayCursor } from './replay-cursor';
import { readReplayPage, type PageLimits } from './replay-page';
import type { ReplayStatus, ReplayStatusStore, ReplayTarget } from './replay-status';
import type { ReplayNext, ReplayWorkflowState } from './replay-workflow';

/** Tries to finish the rebuild a replay filled; true once the pointer is flipped (or the rebuild is over). */
export interface RebuildGate {
  tryFinish(replayId: string, target: ReplayTarget, checks: number): Promise<boolean>;
}

/** A publisher onto the replay stream that tags its records with the replay (and its target, if any). */
export type ReplayPublishers = (replayId: string, target?: ReplayTarget) => EventPublisher;

/** What one replay step needs: the store to read, a publisher per replay, the status store, the rebuild gate. */
export interface ReplayStepDeps {
  readonly events: EventStore;
  readonly publisherFor: ReplayPublishers;
  readonly statuses: ReplayStatusStore;
  readonly gate?: RebuildGate;
  readonly pageLimits?: PageLimits;
  /** Seconds between gate checks; 2 when absent. */
  readonly gateWaitSeconds?: number;
}

/** The input of one step: the workflow state, the running execution and how often this step was retried. */
export interface ReplayStepInput extends ReplayWorkflowState {
  readonly executionArn: string;
  readonly retryCount?: number;
}

function decide(state: ReplayWorkflowState, used: number, next: ReplayNext): ReplayWorkflowState {
  const ending = next === 'done';
  const continueNow = !ending && mustContinueAsNew(used, state.historyBudget);
  return { ...state, historyUsed: used, next: continueNow ? 'continue' : next };
}

function hasGate(status: ReplayStatus, deps: ReplayStepDeps): boolean {
  return status.target?.rebuildId !== undefined && deps.gate !== undefined;
}

async function gateStep(
  state: ReplayWorkflowState,
  retries: number,
  status: ReplayStatus,
  deps: ReplayStepDeps,
) {
  const used = spendIteration(state.historyUsed, 'gate', retries);
  const { target } = status;
  const finished =
    !target?.rebuildId ||
    !deps.gate ||
    (await deps.gate.tryFinish(status.replayId, target, state.gateChecks));
  const next = { ...state, gateChecks: state.gateChecks + 1, waitSeconds: deps.gateWaitSeconds ?? 2 };
  return decide(next, used, finished ? 'done' : 'wait');
}

/** What a published page leaves behind: where the next one starts, how many events it had, whether it was the last. */
interface PublishedPage {
  readonly cursor: ReplayCursor;
  readonly count: number;
  readonly done: boolean;
}

/**
 * Reads the next page and publishes it. Only the page's outline comes back, so its events are garbage as soon
 * as they are on the stream, not kept through the progress write and the rest of the step.
 */
async function publishNextPage(
  state: ReplayWorkflowState,
  status: ReplayStatus,
  deps: ReplayStepDeps,
): Promise<PublishedPage> {
  const { events, cursor, done } = await readReplayPage(
    deps.events,
    status.mode,
    state.cursor,
    deps.pageLimits,
  );
  if (events.length > 0) await deps.publisherFor(status.replayId, status.target).publish(events);
  return { cursor, count: events.length, done };
}

async function pageStep(
  state: ReplayWorkflowState,
  retries: number,
  status: ReplayStatus,
  deps: ReplayStepDeps,
) {
  const used = spendIteration(state.historyUsed, 'page', retries);
  const toGate = { ...state, phase: 'gate' as const };
  if (status.state !== 'RUNNING') {
    return status.state === 'SUCCEEDED' && hasGate(status, deps)
      ? decide(toGate, used, 'page')
      : decide(state, used, 'done');
  }
  const page = await publishNextPage(state, status, deps);
  const outcome = await deps.statuses.recordProgress(status.replayId, state.cursor, page.cursor, page.count);
  if (outcome === 'not-running') return decide(state, used, 'done');
  const moved = { ...state, cursor: page.cursor };
  if (!page.done) return decide(moved, used, 'page');
  await deps.statuses.finish(status.replayId, 'SUCCEEDED', ['RUNNING']);
  return hasGate(status, deps)
    ? decide({ ...moved, phase: 'gate' }, used, 'page')
    : decide(moved, used, 'done');
}

/**
 * One iteration of the replay workflow: checks that the replay still runs (a cancel ends it here), reads the next
 * page from the event store, publishes it to the replay stream, records the progress, and says what comes next,
 * counting the history events the iteration cost so that the execution continues as a new one in time.
 * During a rebuild, once every page is published, each iteration checks the rebuild's flip gate instead.
 */
export async function runReplayStep(
  input: ReplayStepInput,
  deps: ReplayStepDeps,
): Promise<ReplayWorkflowState> {
  const { executionArn, retryCount = 0, ...state } = input;
  const status = await deps.statuses.get(state.replayId);
  if (!status) throw new NotFoundError('replay', state.replayId);
  if (state.historyUsed <= HistoryCost.executionStarted) {
    await deps.statuses.recordExecution(state.replayId, executionArn);
  }
  const step = state.phase === 'gate' ? gateStep : pageStep;
  return step(state, retryCount, status, deps);
}
