import type { Container } from 'inversify';
import { streamIdOf } from '../src/domain/stored-event';
import { CoreTokens } from '../src/infrastructure/container/core-bindings';
import { ProjectionTokens } from '../src/infrastructure/container/projection-bindings';
import { RebuildTokens } from '../src/infrastructure/container/rebuild-bindings';
import { ReplayTokens } from '../src/infrastructure/container/replay-bindings';
import { resolve } from '../src/infrastructure/container/tokens';
import { WriteTokens } from '../src/infrastructure/container/write-bindings';
import { UserTokens } from '../src/infrastructure/container/user-bindings';
import { waitFor } from '../src/infrastructure/local/free-port';
import { injectPutRecordsFaults } from '../test/support/kinesis-fixture';
import { CHAOS_PROJECTIONS, chaosBankApp } from './bank-app';
import { accountIdOf, type BankWorkloadShape, planOf, runBankWorkload } from './bank-workload';
import { type InjectedFaults, type FaultRates, faultHooks } from './fault-hooks';
import { injectDynamoDbThrottling } from './faults/dynamodb-throttling';
import { seeded } from './faults/random';
import { startComposedRuntime } from './runtime/composed-runtime';
import { readHistories, type Verdict, verifyReadModels, verifyStore } from './verify';

/** A chaos run: the seed, the workload's shape, the fault rates and how long read models may take to converge. */
export interface ChaosSettings {
  readonly seed: number;
  readonly shape: BankWorkloadShape;
  readonly rates: FaultRates;
  readonly convergeTimeoutMs: number;
  readonly log: (line: string) => void;
}

/** What a chaos run injected and what it verified. */
export interface ChaosReport {
  readonly seed: number;
  readonly shape: BankWorkloadShape;
  readonly rates: FaultRates;
  readonly injected: InjectedFaults;
  readonly workload: Record<string, number>;
  readonly replay: Record<string, number | string>;
  readonly rebuild: Record<string, number | string>;
  readonly verified: Record<string, number | string>;
  readonly violations: readonly string[];
  readonly seconds: number;
}

/** Starts a plain replay and a rebuild of the balances while the writers are still writing. */
function underLoad(container: Container, log: (line: string) => void) {
  const started: { replayId?: Promise<string>; rebuild?: Promise<unknown> } = {};
  const onProgress = (done: number, total: number) => {
    if (done === Math.ceil(total / 3)) {
      log(`starting a replay of every event after ${done}/${total} payments`);
      started.replayId = resolve(container, ReplayTokens.replays).start({ kind: 'all' });
    }
    if (done === Math.ceil(total / 2)) {
      log(`starting a rebuild of ${CHAOS_PROJECTIONS.balances} after ${done}/${total} payments`);
      started.rebuild = resolve(container, RebuildTokens.rebuilds).start(CHAOS_PROJECTIONS.balances);
    }
  };
  return { started, onProgress };
}

async function finishReplayAndRebuild(
  container: Container,
  started: ReturnType<typeof underLoad>['started'],
  timeoutMs: number,
) {
  const replays = resolve(container, ReplayTokens.replays);
  const rebuilds = resolve(container, RebuildTokens.rebuilds);
  const replayId = await started.replayId;
  await started.rebuild;
  await waitFor(async () => (await replays.status(replayId!)).state !== 'RUNNING', 'the replay', timeoutMs);
  await waitFor(
    async () =>
      ['FLIPPED', 'FAILED'].includes(
        (await rebuilds.status(CHAOS_PROJECTIONS.balances)).rebuild?.state ?? '',
      ),
    'the rebuild',
    timeoutMs,
  ).catch(async (error: unknown) => {
    const view = await rebuilds.status(CHAOS_PROJECTIONS.balances);
    throw new Error(
      `${String(error)}; rebuild ${JSON.stringify(view.rebuild)}; its replay ${JSON.stringify(view.replay)}`,
    );
  });
  const replay = await replays.status(replayId!);
  const rebuild = (await rebuilds.status(CHAOS_PROJECTIONS.balances)).rebuild!;
  return {
    replay: { state: replay.state, eventsPublished: replay.eventsPublished, pages: replay.pages },
    rebuild: {
      state: rebuild.state,
      from: rebuild.from,
      to: rebuild.standby,
      gateChecks: rebuild.gateChecks,
      repaired: rebuild.repaired,
    },
  };
}

/** Polls until every read model equals the fold of the store, or the deadline; returns the last verdict. */
async function converge(container: Container, streamIds: string[], timeoutMs: number): Promise<Verdict> {
  const app = resolve(container, CoreTokens.app);
  const check = async () =>
    verifyReadModels(
      resolve(container, UserTokens.projections),
      app.domain.events,
      await readHistories(resolve(container, WriteTokens.eventStore), streamIds),
      resolve(container, ProjectionTokens.reader),
      resolve(container, ReplayTokens.pointers),
    );
  let last: Verdict = { facts: {}, violations: ['not checked'] };
  await waitFor(
    async () => (last = await check()).violations.length === 0,
    'read models to converge',
    timeoutMs,
  ).catch(() => undefined);
  return last;
}

/**
 * Runs the bank workload with 32+ concurrent writers on the composed runtime with every fault injected (delivery
 * faults and crashes on both Kinesis streams, partial PutRecords failures, DynamoDB write throttling), a replay and
 * a rebuild under the load, then checks the store's invariants and that every read model equals the fold.
 */
export async function runChaos(settings: ChaosSettings): Promise<ChaosReport> {
  const began = Date.now();
  const { seed, shape, rates, log } = settings;
  log(`seed ${seed} (the same seed gives the same accounts and payments; --seed replays it)`);
  const hooks = faultHooks(seed, rates);
  let mappingErrors = 0;
  const runtime = await startComposedRuntime({
    app: chaosBankApp(),
    mappings: { pollIntervalMs: 100, retryBackoffMs: 50, maxRetryAttempts: 10_000 },
    wrapSource: hooks.wrapSource,
    wrapConsumer: hooks.wrapConsumer,
    onError: () => (mappingErrors += 1),
  });
  try {
    const { container } = runtime;
    const kinesisFaults = injectPutRecordsFaults(resolve(container, CoreTokens.kinesis), seeded(seed + 11), {
      entryFailureRate: rates.putRecordsEntry,
    });
    const throttles = injectDynamoDbThrottling(
      resolve(container, CoreTokens.dynamodb),
      seeded(seed + 12),
      rates.throttle,
    );
    const plan = planOf(shape, seed);
    const load = underLoad(container, log);
    log(`${shape.writers} writers, ${plan.payments.length} payments between ${shape.accounts} accounts`);
    const outcome = await runBankWorkload(
      resolve(container, WriteTokens.commandBus),
      shape,
      plan,
      load.onProgress,
    );
    log(`workload done: ${JSON.stringify(outcome)}`);
    const { replay, rebuild } = await finishReplayAndRebuild(
      container,
      load.started,
      settings.convergeTimeoutMs,
    );
    const streamIds = plan.openingBalances.map((_, i) => streamIdOf('Account', accountIdOf(shape, i)));
    const openingTotal = plan.openingBalances.reduce((a, b) => a + b, 0);
    const store = verifyStore(
      await readHistories(resolve(container, WriteTokens.eventStore), streamIds),
      openingTotal,
    );
    const models = await converge(container, streamIds, settings.convergeTimeoutMs);
    const exhausted = runtime.mappings.reduce((n, m) => n + m.stats().exhausted, 0);
    const parked = await resolve(container, ProjectionTokens.deadLetters).receive(10);
    const violations = [...store.violations, ...models.violations];
    if (exhausted > 0) violations.push(`${exhausted} batches exhausted their attempts`);
    if (parked.length > 0) violations.push(`${parked.length} events parked as dead letters`);
    if (replay.state !== 'SUCCEEDED') violations.push(`replay ended ${replay.state}`);
    if (rebuild.state !== 'FLIPPED') violations.push(`rebuild ended ${rebuild.state}`);
    return {
      seed,
      shape,
      rates,
      injected: {
        ...hooks.counts,
        putRecords: { ...kinesisFaults },
        dynamodb: { ...throttles },
        mappingErrors,
      },
      workload: { ...outcome },
      replay,
      rebuild,
      verified: { ...store.facts, ...models.facts, exhaustedBatches: exhausted, deadLetters: parked.length },
      violations,
      seconds: Math.round((Date.now() - began) / 1000),
    };
  } finally {
    await runtime.stop();
  }
}
