import fc from 'fast-check';
import { ContainerModule } from 'inversify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TimerFired, TimerFiredHandler, TimerRequest } from '../../src';
import { defineEventfoldApp } from '../../src/infrastructure/container/eventfold-app';
import { TimerTokens } from '../../src/infrastructure/container/timer-bindings';
import { resolve } from '../../src/infrastructure/container/tokens';
import { type LocalRuntime, startLocalRuntime } from '../../src/infrastructure/local/runtime/local-runtime';
import { examplesDomain } from '../../examples';

/** Records every due timer the runtime's timer function hands over. */
class Recorder implements TimerFiredHandler {
  readonly fired: TimerFired[] = [];
  async onTimerFired(fired: TimerFired): Promise<void> {
    this.fired.push(fired);
  }
}

process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

const recorder = new Recorder();
const app = defineEventfoldApp({
  domain: examplesDomain,
  bindings: new ContainerModule(({ bind }) => {
    bind(TimerTokens.firedHandler).toConstantValue(recorder);
  }),
});

async function clock(runtime: LocalRuntime, body?: unknown) {
  const response = await fetch(`${runtime.url}/local/clock`, {
    method: body === undefined ? 'GET' : 'POST',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

function timer(timerId: string, dueAt: Date): TimerRequest {
  return { timerId, process: 'expiry', processId: 'r-1', name: 'expire', dueAt: dueAt.toISOString() };
}

describe('timers in the local runtime', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'eventfold-runtime-timers-'));
  const start = () =>
    startLocalRuntime({ app, dataDir, mappings: { pollIntervalMs: 50, retryBackoffMs: 50 } });
  let runtime: LocalRuntime | undefined;

  afterAll(async () => {
    await runtime?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('fires a timer when POST /local/clock moves past it, also after a restart', async () => {
    runtime = await start();
    const scheduler = resolve(runtime.container, TimerTokens.scheduler);
    const now = new Date((await clock(runtime)).body.now as string);
    await scheduler.schedule(timer('e2e-soon', new Date(now.getTime() + 15 * 60_000)));
    await scheduler.schedule(timer('e2e-later', new Date(now.getTime() + 45 * 60_000)));
    await scheduler.schedule(timer('e2e-cancelled', new Date(now.getTime() + 10 * 60_000)));
    await scheduler.cancel('e2e-cancelled');

    const moved = await clock(runtime, { advance: '15m' });
    expect(moved.status).toBe(200);
    expect(moved.body.delivered).toBe(1);
    expect(recorder.fired.map((t) => t.timerId)).toEqual(['e2e-soon']);

    await runtime.stop();
    runtime = await start();
    const after = new Date((await clock(runtime)).body.now as string);
    expect(after.getTime()).toBeGreaterThanOrEqual(now.getTime() + 15 * 60_000);
    expect(
      (await clock(runtime, { to: new Date(now.getTime() + 46 * 60_000).toISOString() })).body.delivered,
    ).toBe(1);
    expect(recorder.fired.map((t) => t.timerId)).toEqual(['e2e-soon', 'e2e-later']);
  }, 240_000);

  it('refuses a bad clock move with a 400 and leaves the clock where it was', async () => {
    const live = runtime ?? (runtime = await start());
    const before = (await clock(live)).body.now as string;
    const bad = fc.oneof(
      fc.record({ advance: fc.oneof(fc.string(), fc.integer({ max: -1 }), fc.double({ noInteger: true })) }),
      fc.record({ to: fc.string().filter((s) => Number.isNaN(Date.parse(s))) }),
      fc.record({ advance: fc.constant('1m'), to: fc.constant('2030-01-01T00:00:00Z') }),
      fc.constant({}),
    );
    await fc.assert(
      fc.asyncProperty(
        bad.filter(
          (b) => !('advance' in b && typeof b.advance === 'string' && /^(\d+(d|h|m|s|ms))+$/.test(b.advance)),
        ),
        async (body) => {
          const answer = await clock(live, body);
          expect([answer.status, answer.body.code]).toEqual([400, 'VALIDATION_FAILED']);
        },
      ),
      { numRuns: 40 },
    );
    const after = new Date((await clock(live)).body.now as string).getTime();
    expect(after - Date.parse(before)).toBeLessThan(60_000);
  }, 120_000);
});
