import { StopExecutionCommand } from '@aws-sdk/client-sfn';
import { MIN_HISTORY_BUDGET } from '../../../src/application/replay/history-budget';
import type { ReplayStatus } from '../../../src/application/replay/replay-status';
import type { StoredEvent } from '../../../src/domain/stored-event';
import { waitFor } from '../../../src/infrastructure/local/free-port';
import {
  executionsOf,
  replayedEvents,
  replayedRecords,
  startReplayHarness,
  testEvent,
  type ReplayHarness,
} from './replay-harness';
import { keysOf, versionOrderBreaks } from './replay-order';

const AGGREGATES = 30;
const COMMITS = 20;
const HISTORY_LIMIT = 80;
const BUDGET = 60;

let h: ReplayHarness;
const stored: StoredEvent[] = [];

async function seed(): Promise<void> {
  let n = 0;
  for (let c = 0; c < COMMITS; c++) {
    const streams = Array.from({ length: AGGREGATES }, (_, a) => ({
      streamId: `Counter#${String(a).padStart(3, '0')}`,
      expectedVersion: c * 2,
      events: [testEvent(n++), testEvent(n++)],
    }));
    const result = await h.events.commit({ commitId: `seed-${c}`, streams });
    stored.push(...result.events);
  }
  let version = 0;
  for (let c = 0; c < 5; c++) {
    const events = Array.from({ length: 10 }, () => testEvent(n++));
    const result = await h.events.commit({
      commitId: `one-${c}`,
      streams: [{ streamId: 'Solo#1', expectedVersion: version, events }],
    });
    version += 10;
    stored.push(...result.events);
  }
}

async function finished(replayId: string, timeoutMs = 60_000): Promise<ReplayStatus> {
  await waitFor(
    async () => (await h.replays.status(replayId)).state !== 'RUNNING',
    `replay ${replayId} ends`,
    timeoutMs,
  );
  return h.replays.status(replayId);
}

function flat(perShard: Map<string, StoredEvent[]>): StoredEvent[] {
  return [...perShard.values()].flat();
}

beforeAll(async () => {
  h = await startReplayHarness({
    historyLimit: HISTORY_LIMIT,
    pageLimits: { maxEvents: 100, maxBytes: 5 * 1024 * 1024 },
  });
  await seed();
}, 120_000);

afterAll(async () => {
  await h?.stop();
}, 30_000);

describe('replays through the local Step Functions endpoint', () => {
  it('replays every event, each aggregate in version order, continuing as new executions within the budget', async () => {
    const replayId = await h.replays.start({ kind: 'all' }, { historyBudget: BUDGET });
    const status = await finished(replayId);
    const perShard = await replayedEvents(h, replayId);
    expect(status).toMatchObject({ state: 'SUCCEEDED', eventsPublished: stored.length });
    expect(status.executions).toBeGreaterThan(1);
    expect(keysOf(flat(perShard)).sort()).toEqual(keysOf(stored).sort());
    // Without a time index the replay scans the store: each aggregate in version order, not commit-time order.
    for (const events of perShard.values()) expect(versionOrderBreaks(events)).toEqual([]);
    for (const records of (await replayedRecords(h, replayId)).values()) {
      expect(versionOrderBreaks(records.flat())).toEqual([]);
    }
    const mine = executionsOf(h, replayId);
    expect(mine.length).toBe(status.executions);
    expect(mine.every((e) => e.status === 'SUCCEEDED' && e.historyEvents <= BUDGET)).toBe(true);
  }, 120_000);

  it('fails an execution that runs past the history limit (what the budget prevents)', async () => {
    const replayId = await h.replays.start({ kind: 'all' }, { historyBudget: 10_000 });
    const status = await finished(replayId);
    expect(status.state).toBe('FAILED');
    expect(status.error).toContain('history');
    expect(status.eventsPublished).toBeLessThan(stored.length);
  }, 60_000);

  it('replays the events committed since a time, and only those', async () => {
    const since = (stored[600] as StoredEvent).committedAt;
    const expected = stored.filter((e) => e.committedAt >= since);
    const replayId = await h.replays.start({ kind: 'since', since }, { historyBudget: BUDGET });
    const status = await finished(replayId);
    const events = flat(await replayedEvents(h, replayId));
    expect(status).toMatchObject({ state: 'SUCCEEDED', eventsPublished: expected.length });
    expect(keysOf(events).sort()).toEqual(keysOf(expected).sort());
    expect(versionOrderBreaks(events)).toEqual([]);
  }, 60_000);

  it('replays one aggregate in version order', async () => {
    const replayId = await h.replays.start(
      { kind: 'aggregate', streamId: 'Solo#1' },
      { historyBudget: BUDGET },
    );
    const status = await finished(replayId);
    const events = flat(await replayedEvents(h, replayId));
    expect(status).toMatchObject({ state: 'SUCCEEDED', eventsPublished: 50, mode: { kind: 'aggregate' } });
    expect(events.map((e) => e.version)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  }, 60_000);

  it('records a failure after the retries and resumes from the stored cursor', async () => {
    h.faults.failNext = 3;
    const replayId = await h.replays.start({ kind: 'all' }, { historyBudget: BUDGET });
    const failed = await finished(replayId);
    expect(failed.state).toBe('FAILED');
    expect(failed.error).toContain('injected iterator failure');
    const resumed = await h.replays.resume(replayId);
    expect(resumed.state).toBe('RUNNING');
    const status = await finished(replayId);
    expect(status).toMatchObject({ state: 'SUCCEEDED', eventsPublished: stored.length });
    expect(keysOf(flat(await replayedEvents(h, replayId))).sort()).toEqual(keysOf(stored).sort());
  }, 60_000);

  it('cancels a running replay: it stops publishing and its execution is stopped', async () => {
    h.faults.delayMs = 150;
    try {
      const replayId = await h.replays.start({ kind: 'all' }, { historyBudget: BUDGET });
      await waitFor(async () => (await h.replays.status(replayId)).eventsPublished > 0, 'first page', 30_000);
      const cancelled = await h.replays.cancel(replayId);
      expect(cancelled.state).toBe('CANCELLED');
      await new Promise((resolve) => setTimeout(resolve, 600));
      const later = await h.replays.status(replayId);
      expect(later.state).toBe('CANCELLED');
      expect(later.eventsPublished).toBeLessThan(stored.length);
      const execution = h.sfnServer.engine.describeExecution(later.executionArn as string);
      expect(execution.status).not.toBe('RUNNING');
      await expect(h.replays.resume(replayId)).rejects.toMatchObject({ code: 'RULE_VIOLATION' });
    } finally {
      h.faults.delayMs = 0;
    }
  }, 60_000);

  it('marks a replay whose execution the engine lost (a runtime restart) as FAILED, and resumes it', async () => {
    h.faults.delayMs = 150;
    let replayId: string;
    try {
      replayId = await h.replays.start({ kind: 'all' }, { historyBudget: BUDGET });
      await waitFor(async () => (await h.replays.status(replayId)).eventsPublished > 0, 'first page', 30_000);
      const running = await h.statuses.get(replayId);
      await h.sfn.send(new StopExecutionCommand({ executionArn: running!.executionArn, cause: 'test' }));
      await h.statuses.recordExecution(
        replayId,
        `${h.stateMachineArn.replace(':stateMachine:', ':execution:')}:lost`,
      );
    } finally {
      h.faults.delayMs = 0;
    }
    const lost = await h.replays.status(replayId);
    expect(lost.state).toBe('FAILED');
    expect(lost.error).toContain('no longer exists');
    await h.replays.resume(replayId);
    const status = await finished(replayId);
    expect(status.state).toBe('SUCCEEDED');
    expect(new Set(keysOf(flat(await replayedEvents(h, replayId))))).toEqual(new Set(keysOf(stored)));
  }, 60_000);

  it('rejects a history budget too small to make progress', async () => {
    await expect(
      h.replays.start({ kind: 'all' }, { historyBudget: MIN_HISTORY_BUDGET - 1 }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});
