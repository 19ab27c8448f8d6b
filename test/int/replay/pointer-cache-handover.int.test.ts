import { waitFor } from '../../../src/infrastructure/local/free-port';
import { rebuildAndFlip, writeLive } from './live-writes';
import { projectionParts, type ProjectionParts, type RebuildWorld, startRebuildWorld } from './rebuild-world';

/**
 * Issue 24: a projection consumer keeps each pointer for `pointerCacheMs` instead of reading it for every batch.
 * Against DynamoDB Local with the real rebuild service, flip gate and runner: a consumer still holding the pointer
 * it read before a flip or a rollback must not write a version only to the table readers are leaving. The hand-over
 * waits the cache's age on top of the batch's 1 s, so a live version delivered after a switch is in the table
 * readers read.
 */
const CACHE_MS = 4_000;
let world: RebuildWorld;

beforeAll(async () => {
  world = await startRebuildWorld();
}, 120_000);

afterAll(async () => {
  await world?.stop();
}, 30_000);

/** Commits the next event of a stream and delivers it live through the consumer's cached pointer. */
async function writeOneLive(parts: ProjectionParts, streamId: string): Promise<number> {
  const [stored] = await writeLive(world, parts, [streamId]);
  return stored!.version;
}

describe('a consumer that keeps the pointer for a while', () => {
  it('delivers a version after a flip to the table readers moved to', async () => {
    const parts = await projectionParts(world, 'cached-flip', { pointerCacheMs: CACHE_MS, settleMs: 300 });
    await writeOneLive(parts, 'Cached#1'); // the consumer reads the pointer: blue, no rebuild
    const began = Date.now();
    await rebuildAndFlip(world, parts);
    const version = await writeOneLive(parts, 'Cached#1');
    const read = await parts.read('Cached#1');
    expect({ slot: read.slot, lastVersion: read.view?.lastVersion }).toEqual({
      slot: 'green',
      lastVersion: version,
    });
    expect(Date.now() - began).toBeGreaterThanOrEqual(CACHE_MS);
  }, 60_000);

  it('delivers a version after a rollback to the table readers moved back to', async () => {
    const parts = await projectionParts(world, 'cached-back', { pointerCacheMs: CACHE_MS, settleMs: 300 });
    await writeOneLive(parts, 'Cached#2');
    await rebuildAndFlip(world, parts);
    // Until the consumer holds the flipped pointer (a delivery lands in the active table green).
    await waitFor(
      async () => {
        const version = await writeOneLive(parts, 'Cached#2');
        const read = await parts.read('Cached#2');
        return read.slot === 'green' && read.view?.lastVersion === version;
      },
      'the consumer to deliver to green',
      30_000,
    );
    await parts.rebuilds.rollback(parts.projection);
    const version = await writeOneLive(parts, 'Cached#2');
    const read = await parts.read('Cached#2');
    expect({ slot: read.slot, lastVersion: read.view?.lastVersion }).toEqual({
      slot: 'blue',
      lastVersion: version,
    });
  }, 60_000);
});
