import { FlipGate } from '../application/rebuild/rebuild-gate';
import { RebuildService } from '../application/rebuild/rebuild-service';
import type { PageLimits } from '../application/replay/replay-page';
import { ReplayService } from '../application/replay/replay-service';
import type { ReplayPublishers, ReplayStepDeps } from '../application/replay/replay-step';
import type { RebuildStatus } from '../application/rebuild/rebuild-status';
import { TemporarilyUnavailableError } from '../domain/domain-errors';
import type { EventStore } from '../domain/ports';
import type { InMemoryReadModelStore } from '../projections/in-memory-read-model-store';
import type { ProjectionRunner } from '../projections/projection-runner';
import type { InMemoryPointerStore } from './in-memory-pointer-store';
import { InMemoryRebuildStatusStore } from './in-memory-rebuild-status-store';
import { InMemoryReplayStatusStore } from './in-memory-replay-status-store';
import { InMemoryReplayWorkflow } from './in-memory-replay-workflow';
import { InMemorySlots } from './in-memory-slots';
import type { Slots } from '../application/rebuild/routed-slots';

/** What in-memory replays and rebuilds drive: the store they read, the runner they deliver to, the tables. */
export interface InMemoryReplayDeps {
  readonly events: EventStore;
  readonly runner: () => ProjectionRunner;
  readonly pointers: InMemoryPointerStore;
  readonly readModels: InMemoryReadModelStore;
  readonly now: () => Date;
  /** Page sizes of the replay step (tests use small pages to cancel a replay half way). */
  readonly pageLimits?: PageLimits;
  /** The slots of projections kept elsewhere than `readModels` (SQL ones): `routeSlots` over the in-memory ones. */
  readonly slots?: (inMemory: InMemorySlots) => Slots;
}

/** The real replay and rebuild services of an in-memory app, and what they run on. */
export interface InMemoryReplays {
  readonly replays: ReplayService;
  readonly rebuilds: RebuildService;
  readonly workflow: InMemoryReplayWorkflow;
  readonly replayStatuses: InMemoryReplayStatusStore;
  readonly rebuildStatuses: InMemoryRebuildStatusStore;
  readonly gate: FlipGate;
}

/**
 * Wires the services that run replays and rebuilds on AWS (`ReplayService`, `RebuildService`, the flip gate and the
 * replay step) onto in-memory ports: status stores with the control table's conditions, the workflow as a loop of
 * the same step function, and the replay stream as a direct delivery to the real projection runner, tagged with
 * the replay (and the rebuild's standby slot) as the replay consumer receives it. Deliveries are in-process, so
 * the gate's waits for batches in flight are zero.
 */
export function inMemoryReplays(deps: InMemoryReplayDeps): InMemoryReplays {
  const publisherFor: ReplayPublishers = (replayId, target) => ({
    publish: async (events) => {
      const replay = target ? { replayId, projection: target.projection, slot: target.slot } : { replayId };
      await deps.runner().deliver({ events, replay });
    },
  });
  const { pointers, now } = deps;
  const rebuildStatuses = new InMemoryRebuildStatusStore(pointers);
  const replayStatuses = new InMemoryReplayStatusStore(now);
  const inMemory = new InMemorySlots(deps.readModels, pointers);
  const slots = deps.slots ? deps.slots(inMemory) : inMemory;
  const timings = { settleMs: 0, pollMs: 0, inFlightMs: 0, catchUpMs: 1_000 };
  const gate = new FlipGate({
    pointers,
    statuses: rebuildStatuses,
    versions: slots,
    events: deps.events,
    publisherFor,
    now,
    ...timings,
  });
  const stepDeps: ReplayStepDeps = {
    events: deps.events,
    publisherFor,
    statuses: replayStatuses,
    gate,
    gateWaitSeconds: 0,
    pageLimits: deps.pageLimits,
  };
  const workflow = new InMemoryReplayWorkflow(() => stepDeps);
  const replays = new ReplayService(replayStatuses, workflow, now);
  const rebuilds = new RebuildService({
    pointers,
    statuses: rebuildStatuses,
    reset: slots,
    replays,
    catchUp: gate,
    rollbackInFlightMs: 0,
    now,
  });
  return { replays, rebuilds, workflow, replayStatuses, rebuildStatuses, gate };
}

/** An in-memory replay ended FAILED; `app.replays.resume(replayId)` goes on from where it stopped. */
export class ReplayFailedError extends TemporarilyUnavailableError {
  constructor(replayId: string, error: string | undefined) {
    super(`replay ${replayId} failed: ${error ?? 'unknown error'}; resume it`, { replayId, error });
  }
}

/**
 * An in-memory rebuild did not get past its flip gate in time: the standby stays behind the active table on some
 * streams (a handler that fails only there, say). The rebuild is left open, as on AWS; abort it or fix the cause.
 */
export class RebuildStuckError extends TemporarilyUnavailableError {
  constructor(projection: string, rebuildId: string, status: RebuildStatus | undefined) {
    const { state, lagging, gateChecks } = status ?? {};
    super(
      `projection ${projection}: rebuild ${rebuildId} is still ${state}, behind on ${lagging} stream(s)`,
      {
        projection,
        rebuildId,
        state,
        lagging,
        gateChecks,
      },
    );
  }
}

/** Whether `work` settles within `ms` (it goes on either way). */
export async function within(work: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([work.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}
