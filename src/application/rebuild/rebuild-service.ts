import { randomUUID } from 'node:crypto';
import {
  otherSlot,
  type ProjectionPointer,
  type ProjectionPointerStore,
  type TableSlot,
} from '../../projections/table-pointer';
import type { ReplayService } from '../replay/replay-service';
import type { ReplayStatus } from '../replay/replay-status';
import { ErrorCodes, hasErrorCode } from '../../domain/errors';
import { RebuildConflictError } from './rebuild-errors';
import type { ReadModelSlotReset, SlotCatchUp } from './rebuild-ports';
import {
  isOpenRebuild,
  OPEN_REBUILD_STATES,
  type RebuildStatus,
  type RebuildStatusStore,
} from './rebuild-status';

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
  /**
   * Catches a rolled-back-to table up by comparing version gates (the flip gate does this). Without it a rollback
   * replays every event committed since the last switch (minus a margin) into the restored table.
   */
  readonly catchUp?: SlotCatchUp;
  readonly now?: () => Date;
}

/** What a rollback did: the new pointer and rebuild, and how the restored table was caught up. */
export interface RollbackResult extends RebuildView {
  /** Events republished into the restored table (gate comparison). */
  readonly republished?: number;
  /** The catch-up replay (when no gate comparison is configured). */
  readonly catchUpReplayId?: string;
}

/** How far before a switch a rollback's catch-up replay starts: consumer lag and writers' clock skew. */
const CATCH_UP_MARGIN_MS = 60_000;

/** How long a rollback lets live batches that read the old pointer finish before it compares the tables. */
const IN_FLIGHT_MS = 1_000;

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
    const resumed = await this.resetting(projection);
    const status = resumed ?? this.fresh(projection, pointer);
    if (!resumed && !(await this.deps.statuses.begin(status)))
      throw new RebuildConflictError(projection, 'a rebuild is open');
    try {
      await this.fill(status, pointer);
    } catch (error) {
      if (!this.keepsResetting(error, resumed !== undefined)) await this.fail(status, error);
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
   * Switches readers back to the previous table in one conditional write, then catches that table up with what it
   * missed since it stopped receiving live events (see `RebuildServiceDeps.catchUp`; the version gate makes
   * overlaps harmless). Reads may miss those few recent events until they are applied.
   */
  async rollback(projection: string): Promise<RollbackResult> {
    const pointer = await this.deps.pointers.get(projection);
    if (pointer.rebuilding) throw new RebuildConflictError(projection, 'a rebuild is running');
    if (!pointer.previous) throw new RebuildConflictError(projection, 'no previous table to roll back to');
    const latest = await this.deps.statuses.latest(projection);
    const next = {
      projection,
      active: pointer.previous,
      previous: pointer.active,
      revision: pointer.revision + 1,
    };
    if (!(await this.deps.pointers.put(next, pointer.revision))) {
      throw new RebuildConflictError(projection, 'the pointer changed meanwhile');
    }
    await this.markSwitched(latest);
    const caughtUp = await this.catchUp(projection, next.active, pointer.active, latest);
    return { ...(await this.status(projection)), ...caughtUp };
  }

  /** Brings the restored slot up to the one it replaces; batches already on their way get a moment to land. */
  private async catchUp(
    projection: string,
    restored: TableSlot,
    left: TableSlot,
    latest: RebuildStatus | undefined,
  ): Promise<{ republished?: number; catchUpReplayId?: string }> {
    if (this.deps.catchUp) {
      await new Promise((resolve) => setTimeout(resolve, IN_FLIGHT_MS));
      return { republished: await this.deps.catchUp.catchUp(projection, restored, left) };
    }
    const switchedAt =
      latest?.rolledBackAt ?? latest?.flippedAt ?? latest?.startedAt ?? this.now().toISOString();
    const since = new Date(Date.parse(switchedAt) - CATCH_UP_MARGIN_MS).toISOString();
    const options = { target: { projection, slot: restored }, historyBudget: this.deps.historyBudget };
    return { catchUpReplayId: await this.deps.replays.start({ kind: 'since', since }, options) };
  }

  /** A rollback of a flipped rebuild marks it ROLLED_BACK; rolling back again (forward) marks it FLIPPED again. */
  private async markSwitched(latest: RebuildStatus | undefined): Promise<void> {
    if (latest?.state !== 'FLIPPED' && latest?.state !== 'ROLLED_BACK') return;
    const state = latest.state === 'FLIPPED' ? 'ROLLED_BACK' : 'FLIPPED';
    const change = { state, rolledBackAt: this.now().toISOString() } as const;
    await this.deps.statuses.update(latest.projection, latest.rebuildId, change);
  }

  /** The projection's latest rebuild when its standby is still being cleared. */
  private async resetting(projection: string): Promise<RebuildStatus | undefined> {
    const latest = await this.deps.statuses.latest(projection);
    return latest?.state === 'RESETTING' ? latest : undefined;
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
   * Whether a failed reset leaves the rebuild `RESETTING` for the next call to resume: the clearing ran out of
   * time (what it deleted stays deleted), or a resumed call lost the pointer to another call resuming it too.
   */
  private keepsResetting(error: unknown, resumed: boolean): boolean {
    return hasErrorCode(error, ErrorCodes.unavailable) || (resumed && error instanceof RebuildConflictError);
  }

  private async fill(status: RebuildStatus, pointer: ProjectionPointer): Promise<void> {
    const { projection, standby, rebuildId, replayId } = status;
    let current = pointer;
    if (current.previous === standby) {
      // The standby is about to be emptied: it can no longer be a rollback target.
      current = await this.write({ ...current, previous: undefined }, current);
    }
    await this.deps.reset.reset({ projection, slot: standby });
    await this.write({ ...current, rebuilding: { rebuildId, standby, replayId } }, current);
    await this.deps.replays.start(
      { kind: 'all' },
      { replayId, target: { projection, slot: standby, rebuildId }, historyBudget: this.deps.historyBudget },
    );
    // Only from RESETTING: a short replay may have reached the flip gate, and the gate flipped the pointer or
    // recorded its checks, before this write; it must not set the rebuild back.
    await this.deps.statuses.update(projection, rebuildId, { state: 'REPLAYING' }, { from: ['RESETTING'] });
  }

  private async write(next: ProjectionPointer, current: ProjectionPointer): Promise<ProjectionPointer> {
    const written = { ...next, revision: current.revision + 1 };
    if (!(await this.deps.pointers.put(written, current.revision))) {
      throw new RebuildConflictError(next.projection, 'the pointer changed meanwhile');
    }
    return written;
  }

  /**
   * Ends an open rebuild as FAILED and takes it off the pointer, unless the flip gate flipped the pointer to its
   * standby first (then the rebuild is FLIPPED, and stays so).
   */
  private async fail(status: RebuildStatus, error: unknown): Promise<void> {
    const pointer = await this.deps.pointers.get(status.projection);
    if (pointer.rebuilding?.rebuildId === status.rebuildId) {
      const released = { ...pointer, rebuilding: undefined, revision: pointer.revision + 1 };
      if (!(await this.deps.pointers.put(released, pointer.revision))) return this.fail(status, error);
    } else if (pointer.active === status.standby && pointer.previous === status.from) {
      return;
    }
    const change = { state: 'FAILED' as const, endedAt: this.now().toISOString(), error: String(error) };
    await this.deps.statuses.update(status.projection, status.rebuildId, change, {
      release: true,
      from: OPEN_REBUILD_STATES,
    });
  }
}
