import type { ReplayMode } from '../../../application/replay/replay-mode';
import { EventfoldError, ErrorCodes } from '../../../domain/errors';
import { isSubjectStreamId } from '../../../domain/personal/subject-forgotten';
import type { EventMetadata } from '../../../domain/stored-event';
import { projectionInfoOf } from '../../../projections/projection-decorators';
import { ProjectionInterest } from '../../../projections/projection-interest';
import type { ReadModelTarget } from '../../../projections/read-model-store';
import { forgetTargetsOf, targetsOf } from '../../../projections/targets';
import type { CommandResult, EventfoldTestApp } from '../../../testing/test-app';
import type { TestAppOptions } from '../../../testing/in-memory-app';
import { EventfoldClient, errorOfAnswer } from '../../client/eventfold-client';
import { type EventfoldApp, projectionNames } from '../../container/eventfold-app';
import { ProjectionTokens } from '../../container/projection-bindings';
import { ReplayTokens } from '../../container/replay-bindings';
import { resolve } from '../../container/tokens';
import { WriteTokens } from '../../container/write-bindings';
import type { Duration } from '../../../domain/duration';
import { waitFor } from '../free-port';
import { type LocalRuntime, type LocalRuntimeOptions, startLocalRuntime } from './local-runtime';
import { addReplayedVersions } from './replayed-streams';

/** The local runtime behind the test app's interface, with the runtime itself. */
export interface LocalTestApp extends EventfoldTestApp {
  readonly runtime: LocalRuntime;
}

async function send(url: string, method: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const parsed: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw errorOfAnswer(response.status, parsed);
  return parsed as any;
}

/**
 * The tables a projection's live events go to now, by the runner's own rules (`targetsOf`), and those only its
 * forgets go to besides (`forgetTargetsOf`: the previous slot a rollback may restore).
 */
async function liveTargets(runtime: LocalRuntime, projection: string): Promise<LiveTarget[]> {
  const pointer = await resolve(runtime.container, ReplayTokens.pointers).get(projection);
  const live = targetsOf(pointer, undefined).map(({ target }) => ({ target, forgetsOnly: false }));
  const forgets = forgetTargetsOf(pointer, undefined).map(({ target }) => ({ target, forgetsOnly: true }));
  return [...live, ...forgets];
}

interface LiveTarget {
  readonly target: ReadModelTarget;
  /** Only forgets reach it. */
  readonly forgetsOnly: boolean;
}

/** Whether a projection's gate of a stream ever moves: the runner skips streams of types it handles nothing of. */
type Concerns = (projection: string, streamId: string) => boolean;

/** The runner's own rule (`ProjectionInterest`), so `settled` waits only for gates that will move. */
function concernsOf(app: EventfoldApp): Concerns {
  const interest = new ProjectionInterest((type) => app.domain.eventTypesOf(type));
  const infos = new Map(
    app.projections.map((entry) => [projectionInfoOf(entry).name, projectionInfoOf(entry)]),
  );
  return (projection, streamId) => {
    const info = infos.get(projection);
    return !info || interest.concerns({ info, instance: undefined as never }, streamId, []);
  };
}

/** True when every projection's gate of every written stream it is concerned with has reached its version (or holds it parked). */
async function caughtUp(
  runtime: LocalRuntime,
  names: readonly string[],
  concerns: Concerns,
  written: Map<string, number>,
) {
  const store = resolve(runtime.container, ProjectionTokens.readModels);
  const targets = (await Promise.all(names.map((name) => liveTargets(runtime, name)))).flat();
  for (const { target, forgetsOnly } of targets) {
    for (const [streamId, version] of written) {
      if (forgetsOnly && !isSubjectStreamId(streamId)) continue;
      if (!concerns(target.projection, streamId)) continue;
      const state = await store.readState(target, streamId);
      if (state.version < version && !state.parked) return false;
    }
  }
  return true;
}

/** Options of `localApp`: the test app's, the runtime's, and how long `settled` and `replay` wait. */
export interface LocalAppOptions extends TestAppOptions, Partial<Omit<LocalRuntimeOptions, 'app'>> {
  /** How long `settled()` (and `replay()` once the replay is published) waits for the projections; 30 s when absent. */
  readonly settleTimeoutMs?: number;
}

/**
 * The same app on the local runtime (DynamoDB Local, kinesalite, SQS, Step Functions): commands and reads go over
 * its HTTP API, events through the emulated streams and consumers. Swap `inMemoryApp` for it in a test to run the
 * test against the whole pipeline.
 * @example
 * const app = await localApp(ordersApp); // was: await inMemoryApp(ordersApp)
 */
export async function localApp(app: EventfoldApp, options: LocalAppOptions = {}): Promise<LocalTestApp> {
  const withOverrides = { ...app, bindings: [...app.bindings, ...(options.overrides ?? [])] };
  const runtime = await startLocalRuntime({
    mappings: { pollIntervalMs: 50, retryBackoffMs: 50 },
    ...options,
    app: withOverrides,
  });
  const client = new EventfoldClient(runtime.url);
  const names = projectionNames(app);
  const concerns = concernsOf(app);
  /** Streams' versions every projection must reach: what commands wrote and what replays published. */
  const written = new Map<string, number>();
  const settled = async (what = 'the projections to catch up') => {
    const timeoutMs = options.settleTimeoutMs ?? 30_000;
    await waitFor(() => caughtUp(runtime, names, concerns, written), what, timeoutMs).catch(
      (error: unknown) => {
        throw new EventfoldError(
          ErrorCodes.unavailable,
          `timed out waiting for ${what}`,
          { timeoutMs },
          { cause: error },
        );
      },
    );
  };
  return {
    runtime,
    document: (projection, streamId) => client.document(projection, streamId),
    row: (projection, key) => client.row(projection, key),
    rows: (projection, request) => client.rows(projection, request),
    async command(name: string, input: unknown, opts: { metadata?: EventMetadata } = {}) {
      const url = `${runtime.url}/commands/${encodeURIComponent(name)}`;
      const correlation = opts.metadata?.correlationId;
      const headers: Record<string, string> = correlation ? { 'x-correlation-id': correlation } : {};
      const result = (await send(url, 'POST', input, headers)) as CommandResult;
      for (const event of result.events)
        written.set(event.streamId, Math.max(written.get(event.streamId) ?? 0, event.version));
      return { streamId: result.streamId, version: result.version, events: result.events };
    },
    settled: () => settled(),
    async forget(subject: string) {
      const url = `${runtime.url}/subjects/${encodeURIComponent(subject)}/forget`;
      const { streamId, version } = (await send(url, 'POST')) as { streamId: string; version: number };
      written.set(streamId, Math.max(written.get(streamId) ?? 0, version));
      return { streamId, version };
    },
    async advance(by: Duration) {
      await send(`${runtime.url}/local/clock`, 'POST', { advance: by });
    },
    async replay(mode: ReplayMode) {
      const { replayId } = (await send(`${runtime.url}/replays`, 'POST', mode)) as { replayId: string };
      let state = 'RUNNING';
      await waitFor(async () => {
        state = ((await send(`${runtime.url}/replays/${replayId}`, 'GET')) as { state: string }).state;
        return state !== 'RUNNING';
      }, `replay ${replayId}`);
      if (state !== 'SUCCEEDED')
        throw new EventfoldError(ErrorCodes.unavailable, `replay ${replayId} ended ${state}`, {
          replayId,
          state,
        });
      // SUCCEEDED means every page is on the replay stream; its consumer applies them after that.
      await addReplayedVersions(resolve(runtime.container, WriteTokens.eventStore), mode, written);
      await settled(`the projections to apply replay ${replayId}`);
    },
    stop: () => runtime.stop(),
  };
}
