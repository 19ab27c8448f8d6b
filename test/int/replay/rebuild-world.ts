import { FlipGate } from '../../../src/application/rebuild/rebuild-gate';
import { RebuildService, type RebuildServiceDeps } from '../../../src/application/rebuild/rebuild-service';
import { HistoryCost } from '../../../src/application/replay/history-budget';
import { ReplayService } from '../../../src/application/replay/replay-service';
import { type ReplayPublishers, runReplayStep } from '../../../src/application/replay/replay-step';
import type {
  ExecutionState,
  ReplayWorkflow,
  ReplayWorkflowState,
} from '../../../src/application/replay/replay-workflow';
import type { StoredEvent } from '../../../src/domain/stored-event';
import { DynamoDbProjectionPointerStore } from '../../../src/infrastructure/dynamodb/control/dynamodb-pointer-store';
import { DynamoDbRebuildStatusStore } from '../../../src/infrastructure/dynamodb/control/dynamodb-rebuild-status-store';
import { DynamoDbReplayStatusStore } from '../../../src/infrastructure/dynamodb/control/dynamodb-replay-status-store';
import { DynamoDbSlotClear } from '../../../src/infrastructure/dynamodb/control/dynamodb-slot-clear';
import { DynamoDbSlotVersions } from '../../../src/infrastructure/dynamodb/control/dynamodb-slot-versions';
import { DynamoDbEventStore } from '../../../src/infrastructure/dynamodb/event-store';
import {
  DynamoDbReadModelReader,
  DynamoDbReadModelStore,
  tableOfConfig,
} from '../../../src/infrastructure/dynamodb/read-models';
import { ensureTable, readModelTableDefinition } from '../../../src/infrastructure/dynamodb/tables';
import { replayTagOf } from '../../../src/infrastructure/stepfunctions/replay-publishers';
import type { ApplyContext } from '../../../src/projections/apply-context';
import { DocumentProjection } from '../../../src/projections/document-projection';
import { On, Projection } from '../../../src/projections/projection-decorators';
import { ProjectionRunner } from '../../../src/projections/projection-runner';
import { InMemoryDeadLetters } from '../../../src/projections/redrive';
import { InMemoryAnswerJournal } from '../../../src/projections/side-effects';
import type { TableSlot } from '../../../src/projections/table-pointer';
import { type Slots, slotsOf } from '../../../src/application/rebuild/routed-slots';
import { TimedPointerCache } from '../../../src/projections/timed-pointer-cache';
import { startDynamoDbFixture, type DynamoDbFixture } from '../../support/dynamodb-fixture';
import { Counted, type CounterView, countersRegistry } from '../../e2e/replay/counters';

/**
 * The replay workflow as a list of executions the test steps by hand: each `step` runs one iteration of the real
 * replay step (the function the iterator Lambda runs), so a test decides when pages are published and when the
 * flip gate is checked, in between other calls.
 */
export class SteppedWorkflow implements ReplayWorkflow {
  readonly executions = new Map<string, { state: ReplayWorkflowState; status: ExecutionState }>();

  async start(state: ReplayWorkflowState, name: string): Promise<string> {
    const arn = `arn:aws:states:local:000000000000:execution:eventfold-replay:${name}`;
    this.executions.set(arn, { state, status: 'RUNNING' });
    return arn;
  }

  async stop(executionArn: string): Promise<void> {
    const execution = this.executions.get(executionArn);
    if (execution?.status === 'RUNNING') execution.status = 'ABORTED';
  }

  async describe(executionArn: string): Promise<{ state: ExecutionState }> {
    return { state: this.executions.get(executionArn)?.status ?? 'FAILED' };
  }

  /** The executions still running. */
  running(): string[] {
    return [...this.executions].filter(([, e]) => e.status === 'RUNNING').map(([arn]) => arn);
  }

  /**
   * Runs one iteration of an execution; a continue-as-new goes on in the same entry. Like Step Functions, it runs
   * one iteration of an execution at a time: a call while one runs waits for it.
   */
  step(executionArn: string, deps: Parameters<typeof runReplayStep>[1]): Promise<void> {
    const previous = this.busy.get(executionArn) ?? Promise.resolve();
    const next = previous.then(() => this.iterate(executionArn, deps));
    this.busy.set(executionArn, next);
    return next;
  }

  private readonly busy = new Map<string, Promise<void>>();

  private async iterate(executionArn: string, deps: Parameters<typeof runReplayStep>[1]): Promise<void> {
    const execution = this.executions.get(executionArn);
    if (execution?.status !== 'RUNNING') return;
    const next = await runReplayStep({ ...execution.state, executionArn }, deps);
    if (next.next === 'done') execution.status = 'SUCCEEDED';
    const fresh = next.next === 'continue';
    execution.state = fresh ? { ...next, historyUsed: HistoryCost.executionStarted, next: 'page' } : next;
  }
}

/** A counters projection under its own name (a fresh pair of tables per name). */
function countersNamed(name: string) {
  @Projection(name, { rebuildable: true })
  class NamedCounters extends DocumentProjection<CounterView> {
    @On(Counted) counted(view: CounterView | undefined, e: Counted, ctx: ApplyContext): CounterView {
      return { count: (view?.count ?? 0) + 1, sum: (view?.sum ?? 0) + e.n, lastVersion: ctx.version };
    }
  }
  return new NamedCounters();
}

/** DynamoDB Local with the event store, the control table and the stores every rebuild test here uses. */
export interface RebuildWorld {
  readonly ddb: DynamoDbFixture;
  readonly events: DynamoDbEventStore;
  readonly pointers: DynamoDbProjectionPointerStore;
  readonly statuses: DynamoDbRebuildStatusStore;
  readonly reader: DynamoDbReadModelReader;
  stop(): Promise<void>;
}

/** Starts DynamoDB Local with the event store's and control tables. */
export async function startRebuildWorld(): Promise<RebuildWorld> {
  const ddb = await startDynamoDbFixture({ tablePrefix: 'rw-' });
  const { client, config } = ddb;
  return {
    ddb,
    events: new DynamoDbEventStore(client, config),
    pointers: new DynamoDbProjectionPointerStore(client, config.controlTable),
    statuses: new DynamoDbRebuildStatusStore(client, config.controlTable),
    reader: new DynamoDbReadModelReader(client, tableOfConfig(config)),
    stop: () => ddb.stop(),
  };
}

/** Timings of a rebuildable projection's parts (short ones in tests). */
export interface PartTimings {
  readonly settleMs?: number;
  readonly catchUpMs?: number;
  readonly pollMs?: number;
  readonly inFlightMs?: number;
  /**
   * Live deliveries read the pointer through a `TimedPointerCache` of this age, and the flip gate and the rebuild
   * service are told of it instead of being given `inFlightMs` (as the container wires them).
   */
  readonly pointerCacheMs?: number;
}

/** What differs between the kinds of read model a rebuild test drives: the runner's store and the slots. */
export interface ReadModelKind {
  readonly runner: ProjectionRunner;
  readonly deadLetters: InMemoryDeadLetters;
  readonly slots: Slots;
  /** A reader's view of a stream's counter in a slot. */
  readonly view: (slot: TableSlot, streamId: string) => Promise<CounterView | undefined>;
  /** Every counter of a slot. */
  readonly dump: (slot: TableSlot) => Promise<Record<string, CounterView>>;
}

/**
 * One rebuildable counters projection on its two tables: the real projection runner (what the live consumer and
 * the replay consumer call), the real flip gate, slot clear (guarded by the pointer) and rebuild service. The
 * replay stream is a direct call of the runner with the record's replay tag, and the workflow is stepped by hand.
 */
export async function projectionParts(world: RebuildWorld, projection: string, timings: PartTimings = {}) {
  const { client, config } = world.ddb;
  const tableOf = tableOfConfig(config);
  for (const slot of ['blue', 'green'] as const)
    await ensureTable(client, readModelTableDefinition(tableOf({ projection, slot })));
  const deadLetters = new InMemoryDeadLetters();
  const runner = new ProjectionRunner({
    projections: [countersNamed(projection)],
    registry: countersRegistry(),
    store: new DynamoDbReadModelStore(client, tableOf),
    eventStore: world.events,
    deadLetters,
    journal: new InMemoryAnswerJournal(),
    pointers: world.pointers,
  });
  const slots = slotsOf(
    new DynamoDbSlotVersions(client, tableOf),
    new DynamoDbSlotClear(client, tableOf, { pointers: world.pointers, segments: 2 }),
  );
  const view = async (slot: TableSlot, streamId: string) =>
    (await world.reader.document({ projection, slot }, streamId)) as unknown as CounterView | undefined;
  const dump = async (slot: TableSlot) =>
    (await world.reader.dump({ projection, slot })).documents as unknown as Record<string, CounterView>;
  const parts = partsOver(world, projection, { runner, deadLetters, slots, view, dump }, timings);
  return { ...parts, store: new DynamoDbReadModelStore(client, tableOf) };
}

/** The rebuild parts of one projection over a kind of read model (see `projectionParts`). */
export function partsOver(
  world: RebuildWorld,
  projection: string,
  kind: ReadModelKind,
  timings: PartTimings = {},
) {
  const { client, config } = world.ddb;
  const { runner, deadLetters, slots } = kind;
  const publisherFor: ReplayPublishers = (replayId, target) => ({
    publish: (events) => runner.deliver({ events, replay: replayTagOf(replayId, target) }),
  });
  const { pointers, statuses } = world;
  const cacheMs = timings.pointerCacheMs;
  const livePointers = cacheMs === undefined ? pointers : new TimedPointerCache(pointers, cacheMs);
  const inFlight =
    cacheMs === undefined ? { inFlightMs: timings.inFlightMs ?? 50 } : { pointerCacheMs: cacheMs };
  const gate = new FlipGate({
    pointers,
    statuses,
    versions: slots,
    events: world.events,
    publisherFor,
    settleMs: timings.settleMs ?? 300,
    catchUpMs: timings.catchUpMs ?? 5_000,
    pollMs: timings.pollMs ?? 20,
    ...inFlight,
  });
  const replayStatuses = new DynamoDbReplayStatusStore(client, config.controlTable);
  const workflow = new SteppedWorkflow();
  const replays = new ReplayService(replayStatuses, workflow);
  const deps: RebuildServiceDeps = {
    pointers,
    statuses,
    reset: slots,
    replays,
    catchUp: gate,
    ...(cacheMs === undefined
      ? { rollbackInFlightMs: timings.inFlightMs ?? 50 }
      : { pointerCacheMs: cacheMs }),
  };
  const rebuilds = new RebuildService(deps);
  const stepDeps = { events: world.events, statuses: replayStatuses, publisherFor, gate, gateWaitSeconds: 0 };
  return {
    projection,
    runner,
    gate,
    rebuilds,
    slots,
    /** Another rebuild service over the same parts, some of them swapped (a test's interleaving). */
    rebuildsWith: (changes: Partial<RebuildServiceDeps>) => new RebuildService({ ...deps, ...changes }),
    replays,
    workflow,
    deadLetters,
    /** Delivers stored events as the live consumer does (through its pointer cache, if it has one). */
    live: (events: readonly StoredEvent[]) => runner.deliver({ events }, livePointers),
    /** One iteration of each running replay execution: a page, or a flip gate check. */
    stepReplays: async () => {
      for (const arn of workflow.running()) await workflow.step(arn, stepDeps);
    },
    /** A reader's view of a stream's counter: through the pointer, from the active table. */
    read: async (streamId: string) => {
      const pointer = await world.pointers.get(projection);
      return { slot: pointer.active, view: await kind.view(pointer.active, streamId) };
    },
    dump: kind.dump,
  };
}

/** What `projectionParts` and `sqlProjectionParts` return. */
export type ProjectionParts = ReturnType<typeof partsOver>;
