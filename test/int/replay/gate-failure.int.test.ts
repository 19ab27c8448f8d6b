import type { RebuildGate } from '../../../src/application/replay/replay-step';
import type { ReplayTarget } from '../../../src/application/replay/replay-status';
import { waitFor } from '../../../src/infrastructure/local/free-port';
import { executionsOf, startReplayHarness, testEvent, type ReplayHarness } from './replay-harness';

/** A flip gate the test steers: closed (check again later), failing (the check throws) or open (flipped). */
class SteeredGate implements RebuildGate {
  mode: 'closed' | 'failing' | 'open' = 'closed';
  checks = 0;

  async tryFinish(_replayId: string, _target: ReplayTarget, _checks: number): Promise<boolean> {
    this.checks += 1;
    if (this.mode === 'failing') throw new Error('flip gate unavailable');
    return this.mode === 'open';
  }
}

const gate = new SteeredGate();
let h: ReplayHarness;

beforeAll(async () => {
  h = await startReplayHarness({ gate: () => gate, gateWaitSeconds: 0 });
  const events = Array.from({ length: 5 }, (_, i) => testEvent(i));
  await h.events.commit({ commitId: 'seed', streams: [{ streamId: 'Gated#1', expectedVersion: 0, events }] });
}, 120_000);

afterAll(async () => {
  await h?.stop();
}, 30_000);

describe("a rebuild's replay whose flip-gate checks fail", () => {
  it('is marked FAILED with the error once its pages are published, and resuming it checks the gate again', async () => {
    const target = { projection: 'gated', slot: 'green' as const, rebuildId: 'rebuild-1' };
    const replayId = await h.replays.start({ kind: 'all' }, { target });
    await waitFor(async () => gate.checks > 0, 'the first gate check', 30_000);
    expect((await h.replays.status(replayId)).state).toBe('SUCCEEDED');

    gate.mode = 'failing';
    await waitFor(async () => (await h.replays.status(replayId)).state === 'FAILED', 'the failure', 30_000);
    const failed = await h.replays.status(replayId);
    expect(failed.error).toContain('flip gate unavailable');
    expect(failed.eventsPublished).toBe(5);

    gate.mode = 'open';
    const checksBefore = gate.checks;
    await h.replays.resume(replayId);
    await waitFor(async () => (await h.replays.status(replayId)).state === 'SUCCEEDED', 'the resume', 30_000);
    await waitFor(
      async () => executionsOf(h, replayId).some((e) => e.status === 'SUCCEEDED'),
      'the resumed execution to end at the open gate',
      30_000,
    );
    expect(gate.checks).toBeGreaterThan(checksBefore);
  }, 120_000);
});
