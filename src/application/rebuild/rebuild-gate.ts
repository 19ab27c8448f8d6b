import { inFlightWaitMs } from '../../projections/timed-pointer-cache';
import type { EventStore } from '../../domain/ports';
import type { StoredEvent } from '../../domain/stored-event';
import { randomUUID } from 'node:crypto';
import type { ProjectionPointer, ProjectionPointerStore, TableSlot } from '../../projections/table-pointer';
import type { RebuildGate, ReplayPublishers } from '../replay/replay-step';
import type { ReplayTarget } from '../replay/replay-status';
import { type Lag, laggingStreams } from './flip-gate';
import type { CatchUpResult, SlotCatchUp, SlotVersions } from './rebuild-ports';
import {
  isOpenRebuild,
  OPEN_REBUILD_STATES,
  type RebuildStatus,
  type RebuildStatusStore,
} from './rebuild-status';

/** What the flip gate needs. */
export interface FlipGateDeps {
  readonly pointers: ProjectionPointerStore;
  readonly statuses: RebuildStatusStore;
  readonly versions: SlotVersions;
  readonly events: EventStore;
  readonly publisherFor: ReplayPublishers;
  /**
   * Lagging streams are republished into the standby once the standby stopped moving between two checks (its
   * consumer has nothing left to apply), or after this many checks in any case; 10 when absent.
   */
  readonly repairAfterChecks?: number;
  /** Streams republished per check at most; 200 when absent. */
  readonly repairBatch?: number;
  /** How long one check waits for lagging streams to reach the active table's versions; 5 s when absent. */
  readonly settleMs?: number;
  /** How long a rollback's catch-up may take before it reports the streams still behind; 20 s when absent. */
  readonly catchUpMs?: number;
  /** How often a wait re-reads the lagging streams' gates; 200 ms when absent. */
  readonly pollMs?: number;
  /**
   * How long live batches that read the pointer before its hand-over get to land before the flip; when absent,
   * `pointerCacheMs` + 1 s (see `inFlightWaitMs`).
   */
  readonly inFlightMs?: number;
  /** How long projection consumers keep a pointer (see `TimedPointerCache`); 0 when absent. */
  readonly pointerCacheMs?: number;
  readonly now?: () => Date;
}

function sumOf(versions: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (const version of versions.values()) sum += version;
  return sum;
}

/**
 * The rebuild's flip gate, checked by the replay workflow after the rebuild's replay published every event.
 * It reads the active table's version gates, then the standby's, and flips the pointer (ONE conditional write on
 * its revision) only when the standby's gate is at or past the active's for every stream, i.e. the standby holds
 * every event the active held when it was read. Streams a live batch is still carrying are waited for
 * (`settleMs`); events committed after that read reach both tables while the pointer says `rebuilding`. Before
 * the flip it hands readers over (see `handOverAndFlip`), so that no reader sees a document go back across it.
 * A stream still behind once the standby has stopped moving (an event the replay read past before the time index
 * showed it, and no later live event to fill the gap) gets its missing versions republished from the event store.
 */
export class FlipGate implements RebuildGate, SlotCatchUp {
  constructor(private readonly deps: FlipGateDeps) {}

  async tryFinish(replayId: string, target: ReplayTarget, checks: number): Promise<boolean> {
    const { projection, rebuildId } = target;
    const rebuild = rebuildId ? await this.deps.statuses.get(projection, rebuildId) : undefined;
    // Any open state, RESETTING too: the rebuild service records REPLAYING only after it started the replay, and a
    // short replay can publish its last page and reach the gate before that write lands.
    if (!rebuild || !isOpenRebuild(rebuild.state)) return true;
    const pointer = await this.deps.pointers.get(projection);
    if (pointer.rebuilding?.rebuildId !== rebuild.rebuildId) {
      await this.end(rebuild, { state: 'FAILED', error: 'the pointer no longer names this rebuild' });
      return true;
    }
    const active = await this.deps.versions.versions({ projection, slot: pointer.active });
    const standby = await this.deps.versions.versions({ projection, slot: rebuild.standby });
    const lags = await this.settle(
      projection,
      rebuild.standby,
      laggingStreams(active, standby),
      this.settleBy(),
    );
    if (lags.length === 0 && (await this.handOverAndFlip(pointer, rebuild, checks + 1))) return true;
    const standbyApplied = sumOf(standby);
    const due = this.repairDue(rebuild, checks, standbyApplied);
    const repaired = due ? await this.repair(replayId, target, lags) : 0;
    const progress = {
      state: 'GATING' as const,
      gateChecks: checks + 1,
      lagging: lags.length,
      repaired: rebuild.repaired + repaired,
      standbyApplied,
    };
    // Not over a rebuild that ended meanwhile (aborted): then there is nothing left to check.
    const open = await this.deps.statuses.update(projection, rebuild.rebuildId, progress, {
      from: OPEN_REBUILD_STATES,
    });
    return !open;
  }

  /** When a check's wait for lagging streams ends (`settleMs` from now, or `limit` if that comes first). */
  private settleBy(limit = Number.POSITIVE_INFINITY): number {
    return Math.min(limit, Date.now() + (this.deps.settleMs ?? 5_000));
  }

  /** Whether lagging streams get republished at this check: the standby went idle, or enough checks passed. */
  private repairDue(rebuild: RebuildStatus, checks: number, standbyApplied: number): boolean {
    const idle = checks > 0 && standbyApplied === rebuild.standbyApplied;
    return idle || checks + 1 >= (this.deps.repairAfterChecks ?? 10);
  }

  /**
   * Live events reach the active table first and the standby right after, so under load some streams are always
   * a batch behind. Waits (point reads) until each lagging stream's gate in `slot` reaches the version the active
   * table had when it was read; what is still behind at the deadline is really missing.
   */
  private async settle(projection: string, slot: TableSlot, lags: Lag[], deadline: number): Promise<Lag[]> {
    let behind = lags;
    while (behind.length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, this.deps.pollMs ?? 200));
      const streamIds = behind.map((lag) => lag.streamId);
      const now = await this.deps.versions.versionsOf({ projection, slot }, streamIds);
      behind = behind.filter((lag) => (now.get(lag.streamId) ?? 0) < lag.active);
    }
    return behind;
  }

  /**
   * Brings `behind` level with `ahead` (a rollback's catch-up, while live events reach both): reads `ahead`'s gates
   * FIRST and `behind`'s after them, waits for what live batches are carrying, republishes the versions still
   * missing and waits (up to `catchUpMs`) until `behind` holds every version `ahead` held when it was read.
   */
  async catchUp(projection: string, behind: TableSlot, ahead: TableSlot): Promise<CatchUpResult> {
    const deadline = Date.now() + (this.deps.catchUpMs ?? 20_000);
    const aheadVersions = await this.deps.versions.versions({ projection, slot: ahead });
    const behindVersions = await this.deps.versions.versions({ projection, slot: behind });
    const lagging = laggingStreams(aheadVersions, behindVersions);
    let lags = await this.settle(projection, behind, lagging, this.settleBy(deadline));
    const target = { projection, slot: behind };
    let republished = 0;
    while (lags.length > 0 && Date.now() < deadline) {
      const batch = this.deps.repairBatch ?? 200;
      for (let i = 0; i < lags.length; i += batch)
        republished += await this.repair(`catch-up-${randomUUID()}`, target, lags.slice(i, i + batch));
      lags = await this.settle(projection, behind, lags, deadline);
    }
    return { republished, lagging: lags.length };
  }

  /**
   * Hands readers over to the standby: marks the pointer `handover` (live events then reach the standby first),
   * lets batches that read the pointer before that land (`inFlightMs`), checks again that the standby holds every
   * version the active table holds, and flips. Every version a reader saw in the active table is then in the
   * standby when readers move to it.
   */
  private async handOverAndFlip(pointer: ProjectionPointer, rebuild: RebuildStatus, checks: number) {
    const { projection, standby } = rebuild;
    let current = pointer;
    if (!pointer.rebuilding?.handover) {
      const rebuilding = { ...pointer.rebuilding!, handover: true };
      current = { ...pointer, rebuilding, revision: pointer.revision + 1 };
      const options = { from: OPEN_REBUILD_STATES };
      if (
        !(await this.deps.statuses.updateWithPointer(
          current,
          pointer.revision,
          rebuild.rebuildId,
          {},
          options,
        ))
      )
        return false;
      const wait = this.deps.inFlightMs ?? inFlightWaitMs(this.deps.pointerCacheMs ?? 0);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    const active = await this.deps.versions.versions({ projection, slot: current.active });
    const filled = await this.deps.versions.versions({ projection, slot: standby });
    const lags = await this.settle(projection, standby, laggingStreams(active, filled), this.settleBy());
    return lags.length === 0 && (await this.flip(current, rebuild, checks));
  }

  private async flip(pointer: ProjectionPointer, rebuild: RebuildStatus, checks: number): Promise<boolean> {
    const { projection, standby } = rebuild;
    const flipped = { projection, active: standby, previous: pointer.active, revision: pointer.revision + 1 };
    const at = this.now();
    const change = { state: 'FLIPPED' as const, flippedAt: at, endedAt: at, gateChecks: checks, lagging: 0 };
    // One step: the pointer flips and the rebuild is FLIPPED together, so an abort sees either both or neither.
    const options = { release: true, from: OPEN_REBUILD_STATES };
    return this.deps.statuses.updateWithPointer(
      flipped,
      pointer.revision,
      rebuild.rebuildId,
      change,
      options,
    );
  }

  private async repair(replayId: string, target: ReplayTarget, lags: readonly Lag[]): Promise<number> {
    const events: StoredEvent[] = [];
    for (const lag of lags.slice(0, this.deps.repairBatch ?? 200)) {
      const range = { fromVersion: lag.standby + 1, toVersion: lag.active };
      for await (const event of this.deps.events.readStream(lag.streamId, range)) events.push(event);
    }
    if (events.length > 0) await this.deps.publisherFor(replayId, target).publish(events);
    return events.length;
  }

  private async end(rebuild: RebuildStatus, change: { state: 'FAILED'; error: string }) {
    await this.deps.statuses.update(
      rebuild.projection,
      rebuild.rebuildId,
      { ...change, endedAt: this.now() },
      { release: true, from: OPEN_REBUILD_STATES },
    );
  }

  private now(): string {
    return (this.deps.now?.() ?? new Date()).toISOString();
  }
}
