import { Container, type ContainerModule } from 'inversify';
import { CommandBus } from '../application/commands/command-bus';
import type { RebuildService, RebuildView, RollbackResult } from '../application/rebuild/rebuild-service';
import type { PageLimits } from '../application/replay/replay-page';
import type { ReplayService } from '../application/replay/replay-service';
import type { ReplayMode } from '../application/replay/replay-mode';
import { ForgetService } from '../application/personal/forget-service';
import { SealingEventStore } from '../application/personal/sealing-event-store';
import { AggregateRepository } from '../application/repository/aggregate-repository';
import { PersonalDataCodec } from '../domain/personal/personal-data-codec';
import type { EventMetadata } from '../domain/stored-event';
import { type EventfoldApp, projectionNames } from '../infrastructure/container/eventfold-app';
import { bindUserCode, UserTokens } from '../infrastructure/container/user-bindings';
import { InMemoryReadModelStore } from '../projections/in-memory-read-model-store';
import type { AnyProjection } from '../projections/projection-binding';
import { projectionInfoOf } from '../projections/projection-decorators';
import { ProjectionRunner } from '../projections/projection-runner';
import type { ProjectionClass } from '../projections/read-models';
import { InMemoryDeadLetters, redrive, type RedriveReport } from '../projections/redrive';
import { InMemoryAnswerJournal } from '../projections/side-effects';
import type { SqlResult, SqlStatement } from '../projections/sql/sql-client';
import type { SqlProjection } from '../projections/sql/sql-projection';
import { InMemoryEventStore, InMemorySnapshotStore } from './in-memory-event-store';
import { inMemoryReplays, RebuildStuckError, ReplayFailedError, within } from './in-memory-replays';
import { InMemoryPointerStore } from './in-memory-pointer-store';
import { InMemorySubjectKeys } from './in-memory-subject-keys';
import { InMemorySql } from './in-memory-sql';
import { projectionReads } from './projection-reads';
import type { CommandResult, EventfoldTestApp } from './test-app';
import { TestClock } from './test-clock';
import { inMemoryProcesses, type InMemoryProcesses } from './in-memory-processes';
import type { Duration } from '../domain/duration';

/** Options of a test app: container modules loaded after the app's own (to rebind a service to a fake). */
export interface TestAppOptions {
  readonly overrides?: readonly ContainerModule[];
  /** Page sizes of replays (small ones let a test cancel a replay half way); PutRecords' limits when absent. */
  readonly replayPages?: PageLimits;
  /** How long `rebuild()` waits for the flip gate before it gives up with the rebuild left open; 5 s when absent. */
  readonly rebuildWaitMs?: number;
}

/** The in-memory app: the test app's interface plus its clock, stores, dead letters, redrive and rebuild. */
export interface InMemoryApp extends EventfoldTestApp {
  readonly clock: TestClock;
  /** The app's own services (its bindings); rebind one before the first command to swap it. */
  readonly container: Container;
  readonly events: InMemoryEventStore;
  readonly readModels: InMemoryReadModelStore;
  /** Reads a SQL projection's active tables (PGlite in memory, opened when the app has SQL projections). */
  sql<Row = Record<string, unknown>>(
    projection: ProjectionClass<SqlProjection>,
    statement: SqlStatement,
  ): Promise<SqlResult<Row>>;
  readonly deadLetters: InMemoryDeadLetters;
  /** The subjects' data keys (in memory), with counts of what they were asked. */
  readonly keys: InMemorySubjectKeys;
  /** Re-applies the parked events and those held behind them, as `POST /dead-letters/redrive` does. */
  redrive(): Promise<RedriveReport>;
  /** The replay service (start, status with counts, cancel, resume), as the `/replays` routes use it. */
  readonly replays: ReplayService;
  /** The rebuild service (start, status, abort, rollback), as the rebuild routes use it. */
  readonly rebuilds: RebuildService;
  /**
   * Rebuilds a projection into its standby table through the rebuild service and its flip gate, and resolves once
   * the rebuild is over (FLIPPED, or FAILED if it was aborted or its replay cancelled) with what `status` shows.
   */
  rebuild(projection: ProjectionClass<AnyProjection>): Promise<RebuildView>;
  /** Switches readers back to the previous table once it is level with the active one (the rebuild service's rollback). */
  rollback(projection: ProjectionClass<AnyProjection>): Promise<RollbackResult>;
  /** Resolves once every replay and rebuild started so far (through `replays` or `rebuilds` too) is over. */
  replaysIdle(): Promise<void>;
  /** The process managers: their timers (pending, fired), dead letters, state and redrive. */
  readonly processes: InMemoryProcesses;
  /** Moves the clock (`'15m'`, or milliseconds) and fires the process timers that fall due, with what they cause. */
  advance(by: Duration): Promise<void>;
}

/**
 * Runs a whole app in one process, with no emulator: commands go through the real command bus and repository,
 * each commit's events through the real projection runner (version gate, folding, side-effect rules,
 * dead-lettering) right away, so reads are current as soon as a command returns. Time comes from `clock`.
 * @example
 * const app = await inMemoryApp(defineEventfoldApp({ domain, projections: [OrderDocuments] }));
 * await app.command('CreateOrder', { orderId: 'o1', customerId: 'c1', lines: [{ sku: 'a', quantity: 2 }] });
 * expect(await app.document(OrderDocuments, 'Order#o1')).toMatchObject({ itemCount: 2 });
 */
export async function inMemoryApp(app: EventfoldApp, options: TestAppOptions = {}): Promise<InMemoryApp> {
  const clock = new TestClock();
  const container = new Container();
  bindUserCode(container, { ...app, bindings: [...app.bindings, ...(options.overrides ?? [])] });
  const events = new InMemoryEventStore(() => clock.now().getTime());
  const keys = new InMemorySubjectKeys();
  const codec = app.domain.personal.declared ? new PersonalDataCodec(app.domain.personal, keys) : undefined;
  const store = codec ? new SealingEventStore(events, codec) : events;
  const repository = new AggregateRepository(store, new InMemorySnapshotStore(), app.domain, {
    personal: codec,
  });
  const bus = new CommandBus(app.domain, repository, { services: container.get(UserTokens.services) });
  const readModels = new InMemoryReadModelStore();
  const pointers = new InMemoryPointerStore();
  const deadLetters = new InMemoryDeadLetters();
  const sql = new InMemorySql();
  let built: ProjectionRunner | undefined;
  const runner = () =>
    (built ??= new ProjectionRunner({
      projections: container.get(UserTokens.projections),
      registry: app.domain.events,
      store: sql.route(container.get(UserTokens.projections), readModels),
      eventStore: events,
      deadLetters,
      journal: new InMemoryAnswerJournal(),
      pointers,
      aggregateEventTypes: (type) => app.domain.eventTypesOf(type),
      retryDelayMs: 0,
      clock: () => clock.now(),
      reveal: codec && ((event) => codec.reveal(event)),
    }));
  const processes = inMemoryProcesses({
    model: app.domain,
    processes: () => container.get(UserTokens.processes),
    events,
    bus,
    clock,
    personal: codec,
    project: (stored) => {
      // The store keeps commit times strictly increasing, a millisecond past the clock when it must; the clock
      // follows, so a timer due 15 minutes after a commit falls due when the test moves the clock 15 minutes.
      const last = stored.at(-1)?.committedAt;
      if (last !== undefined) clock.set(last);
      return runner().deliver({ events: stored });
    },
  });
  const now = () => clock.now();
  const control = inMemoryReplays({
    events,
    runner,
    pointers,
    readModels,
    now,
    pageLimits: options.replayPages,
    slots: (inMemory) => sql.slots(() => container.get(UserTokens.projections), pointers, inMemory),
  });
  const { replays, rebuilds, workflow } = control;
  return {
    ...projectionReads(readModels, pointers, projectionNames(app)),
    clock,
    container,
    events,
    readModels,
    sql: (projection, statement) => {
      runner();
      return sql.query(pointers, projection, statement);
    },
    deadLetters,
    async command(name: string, input: unknown, opts: { metadata?: EventMetadata } = {}) {
      const outcome = await bus.dispatch(name, input, opts);
      await processes.publish(outcome.events);
      const { streamId, version } = outcome;
      const shown = codec ? await Promise.all(outcome.events.map((e) => codec.reveal(e))) : outcome.events;
      return { streamId, version, events: shown } satisfies CommandResult;
    },
    settled: async () => undefined,
    keys,
    async forget(subject: string) {
      const outcome = await new ForgetService(keys, store).forget(subject);
      const recorded = [];
      for await (const event of events.readStream(outcome.streamId, { fromVersion: outcome.version }))
        recorded.push(event);
      await runner().deliver({ events: recorded });
      return { streamId: outcome.streamId, version: outcome.version };
    },
    replays,
    rebuilds,
    replay: async (mode: ReplayMode) => {
      const replayId = await replays.start(mode);
      await workflow.idle();
      const status = await replays.status(replayId);
      if (status.state === 'FAILED') throw new ReplayFailedError(replayId, status.error);
    },
    async rebuild(projection) {
      const name = projectionInfoOf(projection).name;
      const { rebuildId } = await rebuilds.start(name);
      if (await within(workflow.idle(), options.rebuildWaitMs ?? 5_000)) return rebuilds.status(name);
      throw new RebuildStuckError(name, rebuildId, (await rebuilds.status(name)).rebuild);
    },
    rollback: (projection) => rebuilds.rollback(projectionInfoOf(projection).name),
    replaysIdle: () => workflow.idle(),
    redrive: () => redrive(runner(), deadLetters),
    processes,
    advance: (by) => processes.advance(by),
    stop: async () => {
      container.unbindAll();
      await sql.client.close();
    },
  };
}
