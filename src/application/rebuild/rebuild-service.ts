import { inFlightWaitMs } from '../../projections/timed-pointer-cache';
import { randomUUID } from 'node:crypto';
import {
  otherSlot,
  type ProjectionPointer,
  type ProjectionPointerStore,
} from '../../projections/table-pointer';
import type { ReplayService } from '../replay/replay-service';
import type { ReplayStatus } from '../replay/replay-status';
import { ErrorCodes, hasErrorCode } from '../../domain/errors';
import { RebuildConflictError } from './rebuild-errors';
import { failRebuild } from './rebuild-failure';
import type { ReadModelSlotReset, SlotCatchUp } from './rebuild-ports';
import { isOpenRebuild, type RebuildStatus, type RebuildStatusStore } from './rebuild-status';
import { rollBack } from './rollback';

/** What a projection's rebuild state looks like to a caller: the pointer and the latest rebuild. */
export interface RebuildView {
  readonly pointer: ProjectionPointer;
  readonly rebuild?: RebuildStatus;
  /** The replay filling the standby, while the rebuild is open. */
  readonly replay?: ReplayStatus;
}

/** What the rebuild service works with. */
export interface RebuildServiceDeps {
  readonly pointers: ProjectionPointerStore;
  readonly statuses: RebuildStatusStore;
  readonly reset: ReadModelSlotReset;
  readonly replays: ReplayService;
  /** History budget of the rebuild's replay executions (tests use a small one). */
  readonly historyBudget?: number;
  /** Brings a rolled-back-to table level with the active one before readers move back (the flip gate does this). */
  readonly catchUp: SlotCatchUp;
  /**
   * How long live batches that read the pointer before a change get to land: a rollback's `restoring`, and a start
   * that takes `previous` off the pointer before it clears that table; `pointerCacheMs` + 1 s when absent.
   */
  readonly rollbackInFlightMs?: number;
  /** How long projection consumers keep a pointer (see `TimedPointerCache`); 0 when absent. */
  readonly pointerCacheMs?: number;
  readonly now?: () => Date;
}

/** What a rollback did: the new pointer and rebuild, and how many events the restored table was caught up by. */
export interface RollbackResult extends RebuildView {
  /** Events republished into the restored table before readers moved back to it. */
  readonly republished: number;
}

/**
 * Rebuilds a projection into its standby table without downtime and flips readers over in one conditional write:
 * reset the standby, mark the pointer `rebuilding` (live events then reach both tables), replay every event into
 * the standby, and let the replay workflow's flip gate (`RebuildGate`) flip the pointer once the standby holds
 * everything the active table holds. The old table stays as `previous`; `rollback` switches back in one call.
 * @example
 * const { rebuildId } = await rebuilds.start('orders-by-customer');
 * const view = await rebuilds.status('orders-by-customer');
 */
export class RebuildService {
  private readonly now: () => Date;

  constructor(private readonly deps: RebuildServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * Starts a rebuild, or resumes the one whose standby is still being cleared (state `RESETTING`: an earlier
   * call ran out of its time budget and answered `TEMPORARILY_UNAVAILABLE`, or ended before it was done), so
   * that calling again until it succeeds makes one rebuild, not a failed one per call. Throws
   * `RebuildConflictError` while a rebuild of the projection is replaying or at its gate.
   */
  async start(projection: string): Promise<RebuildStatus> {
    const pointer = await this.deps.pointers.get(projection);
    if (pointer.rebuilding)
      throw new RebuildConflictError(projection, 'a rebuild is running', pointer.rebuilding);
    const resumed = await this.resumable(projection, pointer);
    const status = resumed ?? this.fresh(projection, pointer);
    if (!resumed && !(await this.deps.statuses.begin(status)))
      throw new RebuildConflictError(projection, 'a rebuild is open');
    const progress = { onPointer: false };
    try {
      await this.fill(status, pointer, progress);
    } catch (error) {
      if (!(await this.leftOpen(status, error, progress.onPointer))) await this.fail(status, error);
      throw error;
    }
    return (await this.deps.statuses.get(projection, status.rebuildId)) ?? status;
  }

  /** The projection's pointer and its latest rebuild. */
  async status(projection: string): Promise<RebuildView> {
    const rebuild = await this.deps.statuses.latest(projection);
    const open = rebuild && isOpenRebuild(rebuild.state) && rebuild.state !== 'RESETTING';
    const replay = open ? await this.deps.replays.status(rebuild.replayId).catch(() => undefined) : undefined;
    if (rebuild && replay?.state === 'CANCELLED') {
      await this.fail(rebuild, new Error(`its replay ${replay.replayId} was cancelled`));
      return {
        pointer: await this.deps.pointers.get(projection),
        rebuild: await this.deps.statuses.latest(projection),
      };
    }
    return { pointer: await this.deps.pointers.get(projection), rebuild, replay };
  }

  /**
   * Abandons the open rebuild: cancels its replay, takes `rebuilding` off the pointer and frees the projection for
   * another rebuild. Readers never left the active table; the standby is simply no longer filled.
   */
  async abort(projection: string): Promise<RebuildView> {
    const rebuild = await this.deps.statuses.latest(projection);
    if (!rebuild || !isOpenRebuild(rebuild.state))
      throw new RebuildConflictError(projection, 'no open rebuild');
    // The replay may have published everything already (the flip gate then sees the rebuild closed and stops).
    await this.deps.replays.cancel(rebuild.replayId).catch(() => undefined);
    await this.fail(rebuild, new Error('aborted'));
    return this.status(projection);
  }

  /**
   * Switches readers back to the previous table once it holds everything the active one holds (see `rollBack`):
   * the pointer moves back in one conditional write, and no reader sees a document go back.
   */
  async rollback(projection: string): Promise<RollbackResult> {
    const { republished } = await rollBack(
      { ...this.deps, now: this.now, inFlightMs: this.inFlightMs() },
      projection,
    );
    return { ...(await this.status(projection)), republished };
  }

  /**
   * The projection's latest rebuild when its standby is still being cleared and it still fits the pointer: it
   * started from the active slot, so its standby is neither active nor previous once it claims it. One that does
   * not fit (the pointer moved while it was resetting) is marked FAILED and never resumed: resuming it would clear
   * a table readers use.
   */
  private async resumable(
    projection: string,
    pointer: ProjectionPointer,
  ): Promise<RebuildStatus | undefined> {
    const latest = await this.deps.statuses.latest(projection);
    if (latest?.state !== 'RESETTING') return undefined;
    if (latest.from === pointer.active && latest.standby === otherSlot(pointer.active)) return latest;
    await this.fail(latest, new Error('the pointer moved while its standby was being cleared'));
    return undefined;
  }

  private fresh(projection: string, pointer: ProjectionPointer): RebuildStatus {
    return {
      rebuildId: randomUUID(),
      projection,
      state: 'RESETTING',
      from: pointer.active,
      standby: otherSlot(pointer.active),
      replayId: randomUUID(),
      startedAt: this.now().toISOString(),
      gateChecks: 0,
      lagging: 0,
      repaired: 0,
    };
  }

  /**
   * Whether a failed call leaves the rebuild open: the clearing ran out of time (it stays `RESETTING` for the next
   * call to resume; what it deleted stays deleted), or another call of the same rebuild (a resume) put it on the
   * pointer and carries it on, whatever this call ran into meanwhile (lost the pointer, or its clear was refused).
   */
  private async leftOpen(status: RebuildStatus, error: unknown, onPointer: boolean): Promise<boolean> {
    if (hasErrorCode(error, ErrorCodes.unavailable)) return true;
    if (onPointer) return false;
    const pointer = await this.deps.pointers.get(status.projection);
    return pointer.rebuilding?.rebuildId === status.rebuildId;
  }

  private async fill(
    status: RebuildStatus,
    pointer: ProjectionPointer,
    progress: { onPointer: boolean },
  ): Promise<void> {
    const { projection, standby, rebuildId, replayId } = status;
    let current = pointer;
    if (current.previous === standby || current.restoring) {
      // The standby is about to be emptied: it can no longer be a rollback target, nor one being restored.
      current = await this.claim(status, { ...current, previous: undefined, restoring: undefined }, current);
      // Batches that read the pointer before may still write to that table: let them land before it is cleared.
      await new Promise((resolve) => setTimeout(resolve, this.inFlightMs()));
    }
    if (standby === current.active || standby === current.previous)
      throw new RebuildConflictError(projection, `its standby ${standby} is in use`, { standby });
    await this.deps.reset.reset({ projection, slot: standby });
    await this.claim(status, { ...current, rebuilding: { rebuildId, standby, replayId } }, current);
    progress.onPointer = true;
    await this.deps.replays.start(
      { kind: 'all' },
      { replayId, target: { projection, slot: standby, rebuildId }, historyBudget: this.deps.historyBudget },
    );
    // Only from RESETTING: a short replay may have reached the flip gate, and the gate flipped the pointer or
    // recorded its checks, before this write; it must not set the rebuild back.
    await this.deps.statuses.update(projection, rebuildId, { state: 'REPLAYING' }, { from: ['RESETTING'] });
  }

  /**
   * Writes the pointer while its revision is still the one read AND the rebuild is still RESETTING (one
   * transaction): a rollback, an abort or anything else that came in between makes the start lose, never both win.
   */
  private async claim(
    status: RebuildStatus,
    next: ProjectionPointer,
    current: ProjectionPointer,
  ): Promise<ProjectionPointer> {
    const written = { ...next, revision: current.revision + 1 };
    const from = ['RESETTING'] as const;
    if (
      !(await this.deps.statuses.updateWithPointer(written, current.revision, status.rebuildId, {}, { from }))
    ) {
      throw new RebuildConflictError(next.projection, 'the pointer changed meanwhile');
    }
    return written;
  }

  /** Ends an open rebuild as FAILED and takes it off the pointer (see `failRebuild`). */
  /** How long batches that read the pointer before a change may still use it (see `inFlightWaitMs`). */
  private inFlightMs(): number {
    return this.deps.rollbackInFlightMs ?? inFlightWaitMs(this.deps.pointerCacheMs ?? 0);
  }

  private async fail(status: RebuildStatus, error: unknown): Promise<void> {
    await failRebuild({ ...this.deps, now: this.now }, status, error);
  }
}
