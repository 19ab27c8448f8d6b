import type { RebuildStatus } from '../../../src/application/rebuild/rebuild-status';
import type { StoredEvent } from '../../../src/domain/stored-event';
import { waitFor } from '../../../src/infrastructure/local/free-port';
import type { TableSlot } from '../../../src/projections/table-pointer';
import { type CounterView, foldCounters } from './counters';
import { counterIds, keepWriting, Ledger, seed } from './load';
import { startPipeline, type Pipeline } from './pipeline-harness';

/**
 * A rebuild of the counters projection over 20,000+ events while a writer keeps appending and a reader keeps
 * reading through the pointer: the flip happens once, readers never fail nor see a half-built table, and the
 * active table ends equal to the fold of every event. Then a rollback switches back in one call.
 */
const COUNTERS = 1_000;
const SEED_EVENTS = Number(process.env.EVENTFOLD_REBUILD_EVENTS ?? 20_000);
const PROJECTION = 'counters';

let p: Pipeline;
const ledger = new Ledger();
const ids = counterIds(COUNTERS);
const measured: Record<string, number | string> = {};

async function documents(slot: TableSlot): Promise<Record<string, CounterView>> {
  const dump = await p.reader.dump({ projection: PROJECTION, slot });
  return dump.documents as unknown as Record<string, CounterView>;
}

async function equalsFold(slot: TableSlot, events: readonly StoredEvent[]): Promise<boolean> {
  const canonical = (views: Record<string, CounterView>) =>
    JSON.stringify(
      Object.entries(views)
        .map(([id, v]) => [id, v.count, v.sum, v.lastVersion])
        .sort(),
    );
  return canonical(await documents(slot)) === canonical(foldCounters(events));
}

/**
 * Reads random counters through the pointer until stopped. A read fails if it errs, finds no document, a
 * document that disagrees with itself, or fewer events than the counter had before the rebuild began (what a
 * half-built table shows). Going back below an earlier read is counted, not failed: across the flip a read may
 * miss the one live batch still on its way to the new table.
 */
function keepReading(baseline: Record<string, CounterView>) {
  const seen = new Map<string, number>();
  const stats = { reads: 0, failures: [] as string[], regressions: 0, slots: new Set<TableSlot>() };
  const check = (streamId: string, slot: TableSlot, view: CounterView | undefined) => {
    const floor = baseline[streamId]?.count ?? 0;
    if (!view || view.count < floor || view.count !== view.lastVersion) {
      stats.failures.push(`${streamId} in ${slot}: ${JSON.stringify(view)}, before the rebuild ${floor}`);
      return;
    }
    if (view.count < (seen.get(streamId) ?? 0)) stats.regressions += 1;
    seen.set(streamId, Math.max(view.count, seen.get(streamId) ?? 0));
  };
  let stopped = false;
  const done = (async () => {
    while (!stopped) {
      const pointer = await p.pointers.get(PROJECTION);
      stats.slots.add(pointer.active);
      const streamId = ids[Math.floor(Math.random() * ids.length)] as string;
      const target = { projection: PROJECTION, slot: pointer.active };
      try {
        const view = await p.reader.document(target, streamId);
        stats.reads += 1;
        check(streamId, pointer.active, view as CounterView | undefined);
      } catch (error) {
        stats.failures.push(String(error));
      }
    }
  })();
  return { stats, stop: async () => ((stopped = true), await done, stats) };
}

beforeAll(async () => {
  p = await startPipeline({ shards: 4, historyBudget: 150, historyLimit: 200 });
  const began = Date.now();
  await seed(p.events, ledger, ids, SEED_EVENTS);
  measured['seed events'] = ledger.events.length;
  measured['seed write: ms'] = Date.now() - began;
  await waitFor(() => equalsFold('blue', ledger.events), 'the live table to hold the seed', 240_000);
  measured['seed applied live (write + apply): ms'] = Date.now() - began;
}, 420_000);

afterAll(async () => {
  console.log(`rebuild, measured:\n${JSON.stringify(measured, null, 2)}`);
  await p?.stop();
}, 30_000);

describe('a projection rebuild with two tables', () => {
  it('flips to the rebuilt table only when it holds everything, while writes and reads go on', async () => {
    const reader = keepReading(foldCounters(ledger.events));
    const writer = keepWriting(p.events, ledger, ids, 2_000, 200);
    const began = Date.now();
    const started = await p.rebuilds.start(PROJECTION);
    expect(started).toMatchObject({ state: 'REPLAYING', from: 'blue', standby: 'green' });
    expect((await p.pointers.get(PROJECTION)).rebuilding).toMatchObject({
      standby: 'green',
      rebuildId: started.rebuildId,
    });
    let rebuild: RebuildStatus | undefined;
    await waitFor(
      async () => {
        rebuild = (await p.rebuilds.status(PROJECTION)).rebuild;
        return rebuild?.state === 'FLIPPED' || rebuild?.state === 'FAILED';
      },
      'the rebuild to flip',
      300_000,
    );
    measured['rebuild start to flip: ms'] = Date.now() - began;
    const commits = await writer.stop();
    const stats = await reader.stop();
    const replay = await p.replays.status(started.replayId);
    Object.assign(measured, {
      'events appended during the rebuild': commits * 20,
      'replay: events / pages / executions': `${replay.eventsPublished} / ${replay.pages} / ${replay.executions}`,
      'gate checks / lagging at last check / repaired events': `${rebuild?.gateChecks} / ${rebuild?.lagging} / ${rebuild?.repaired}`,
      'reads during the rebuild / failed / went back across the flip': `${stats.reads} / ${stats.failures.length} / ${stats.regressions}`,
    });
    expect(rebuild?.state).toBe('FLIPPED');
    expect(replay.state).toBe('SUCCEEDED');
    expect(replay.eventsPublished).toBeGreaterThanOrEqual(SEED_EVENTS);
    // Each page costs 7 history events: a replay longer than the budget of 150 must have continued as new.
    expect(replay.executions).toBeGreaterThanOrEqual(Math.ceil((replay.pages * 7) / 150));
    expect(commits).toBeGreaterThan(0);
    expect(stats.failures).toEqual([]);
    expect(stats.reads).toBeGreaterThan(20);
    expect([...stats.slots].sort()).toEqual(['blue', 'green']);
    const pointer = await p.pointers.get(PROJECTION);
    expect(pointer).toMatchObject({ active: 'green', previous: 'blue' });
    expect(pointer.rebuilding).toBeUndefined();
    const settle = Date.now();
    await waitFor(() => equalsFold('green', ledger.events), 'the rebuilt table to equal the fold', 120_000);
    measured['rebuilt table equal to the fold after the writer stopped: ms'] = Date.now() - settle;
    expect(p.deadLetters.letters).toEqual([]);
  }, 480_000);

  it('rolls back to the previous table in one call and catches it up', async () => {
    await ledger.commit(p.events, ids.slice(0, 10), 1);
    // Only the active table receives these; once it holds them, the restored one misses exactly what the catch-up
    // must republish (events still in the pipeline at the switch would reach the new active table live instead).
    await waitFor(
      () => equalsFold('green', ledger.events),
      'the active table to hold the new events',
      120_000,
    );
    const began = Date.now();
    const rolled = await p.rebuilds.rollback(PROJECTION);
    expect(rolled.pointer).toMatchObject({ active: 'blue', previous: 'green' });
    expect(rolled.rebuild?.state).toBe('ROLLED_BACK');
    await waitFor(() => equalsFold('blue', ledger.events), 'the restored table to equal the fold', 120_000);
    measured['rollback: restored table caught up after: ms'] = Date.now() - began;
    expect(rolled.republished).toBeGreaterThanOrEqual(10);
    await ledger.commit(p.events, ids.slice(10, 20), 1);
    const forward = await p.rebuilds.rollback(PROJECTION);
    expect(forward.pointer).toMatchObject({ active: 'green', previous: 'blue' });
    await waitFor(
      () => equalsFold('green', ledger.events),
      'the table rolled forward to equal the fold',
      120_000,
    );
    measured['rollback: events republished into the restored table'] = `${rolled.republished}`;
  }, 180_000);
});
