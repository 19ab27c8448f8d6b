import type { Container } from 'inversify';
import { FlipGate } from '../../application/rebuild/rebuild-gate';
import { RebuildService } from '../../application/rebuild/rebuild-service';
import type { SlotVersions } from '../../application/rebuild/rebuild-ports';
import type { RebuildStatusStore } from '../../application/rebuild/rebuild-status';
import { type Slots, slotsOf } from '../../application/rebuild/routed-slots';
import { DynamoDbRebuildStatusStore } from '../dynamodb/control/dynamodb-rebuild-status-store';
import { DynamoDbSlotClear } from '../dynamodb/control/dynamodb-slot-clear';
import { DynamoDbSlotVersions } from '../dynamodb/control/dynamodb-slot-versions';
import { pointerCacheMsOf } from '../config';
import { tableOfConfig } from '../dynamodb/read-models';
import type { ReplayIteratorDeps } from '../stepfunctions/replay-iterator';
import { replayStreamPublishers } from '../stepfunctions/replay-publishers';
import { CoreTokens } from './core-bindings';
import { ReplayTokens } from './replay-bindings';
import { type Get, provide, token } from './tokens';
import { WriteTokens } from './write-bindings';

/** Tokens of projection rebuilds. */
export const RebuildTokens = {
  statuses: token<RebuildStatusStore>('RebuildStatusStore'),
  gate: token<FlipGate>('FlipGate'),
  rebuilds: token<RebuildService>('RebuildService'),
  /**
   * The slots of every projection: their gates (what the flip gate compares) and the clearing of a standby. The
   * DynamoDB tables unless bound before (`bindSqlSlots` routes SQL projections to their schemas); unbound in the
   * replay iterator's container.
   */
  slots: token<Slots>('ProjectionSlots'),
  /** The gates the flip gate reads when no slots are bound: the replay iterator's (`bindIteratorGates`). */
  gateVersions: token<SlotVersions>('GateVersions'),
  /** The replay iterator's dependencies (it consults the flip gate when a rebuild's replay is done). */
  iteratorDeps: token<ReplayIteratorDeps>('ReplayIteratorDeps'),
} as const;

function gateVersionsOf(container: Container, get: Get): SlotVersions {
  if (container.isBound(RebuildTokens.slots)) return get(RebuildTokens.slots);
  if (container.isBound(RebuildTokens.gateVersions)) return get(RebuildTokens.gateVersions);
  return new DynamoDbSlotVersions(get(CoreTokens.dynamodb), tableOfConfig(get(CoreTokens.config)));
}

/**
 * Binds the rebuild status store, the flip gate and the replay iterator's dependencies: what the replay iterator
 * uses (its function leaves the rebuild service and the standby clear out).
 */
export function bindFlipGate(container: Container): void {
  provide(container, RebuildTokens.statuses, (get) => {
    return new DynamoDbRebuildStatusStore(get(CoreTokens.dynamodb), get(CoreTokens.config).controlTable);
  });
  provide(container, RebuildTokens.gate, (get) => {
    const config = get(CoreTokens.config);
    return new FlipGate({
      pointers: get(ReplayTokens.pointers),
      statuses: get(RebuildTokens.statuses),
      // App containers bind every kind's slots; the replay iterator's (no app) binds the gates its environment names.
      versions: gateVersionsOf(container, get),
      events: get(WriteTokens.eventStore),
      publisherFor: replayStreamPublishers(get(CoreTokens.kinesis), config.replayStream),
      // Consumers keep a pointer for a while: a hand-over waits that long too for batches using the old one.
      pointerCacheMs: pointerCacheMsOf(config),
    });
  });
  provide(container, RebuildTokens.iteratorDeps, (get) => ({
    events: get(WriteTokens.eventStore),
    statuses: get(ReplayTokens.statuses),
    publisherFor: replayStreamPublishers(get(CoreTokens.kinesis), get(CoreTokens.config).replayStream),
    gate: get(RebuildTokens.gate),
  }));
}

/** Binds the flip gate and the iterator's dependencies, and the rebuild service over them. */
export function bindRebuilds(container: Container): void {
  if (!container.isBound(RebuildTokens.slots)) provide(container, RebuildTokens.slots, dynamoDbSlots);
  bindFlipGate(container);
  provide(container, RebuildTokens.rebuilds, (get) => {
    return new RebuildService({
      pointers: get(ReplayTokens.pointers),
      statuses: get(RebuildTokens.statuses),
      reset: get(RebuildTokens.slots),
      replays: get(ReplayTokens.replays),
      // A rollback brings the restored table level through the flip gate's comparison before readers move back.
      catchUp: get(RebuildTokens.gate),
      pointerCacheMs: pointerCacheMsOf(get(CoreTokens.config)),
    });
  });
}

/**
 * The slots of DynamoDB read models: gates read from the read-model tables, and a standby cleared item by item (the
 * tables belong to the stack, so they are never deleted or re-created). The clear refuses a slot the pointer names,
 * so no race of rebuild, rollback and abort clears a table in use.
 */
export function dynamoDbSlots(get: Get): Slots {
  const config = get(CoreTokens.config);
  const tableOf = tableOfConfig(config);
  const clear = new DynamoDbSlotClear(get(CoreTokens.dynamodb), tableOf, {
    logger: get(CoreTokens.logger),
    timeBudgetMs: config.rebuildClearBudgetMs,
    pointers: get(ReplayTokens.pointers),
  });
  return slotsOf(new DynamoDbSlotVersions(get(CoreTokens.dynamodb), tableOf), clear);
}
