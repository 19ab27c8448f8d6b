import { InMemoryPointerStore } from '../../../src/testing/in-memory-pointer-store';
import { InMemoryRebuildStatusStore } from '../../../src/testing/in-memory-rebuild-status-store';
import { InMemoryReplayStatusStore } from '../../../src/testing/in-memory-replay-status-store';
import { controlStoreContract } from '../../support/control-store-contract';

controlStoreContract('in memory', () => {
  const pointers = new InMemoryPointerStore();
  return {
    pointers,
    replays: new InMemoryReplayStatusStore(),
    rebuilds: new InMemoryRebuildStatusStore(pointers),
  };
});
