import { InMemoryReadModelStore } from '../../../src/projections/in-memory-read-model-store';
import { readModelStoreContract } from '../../support/read-model-store-contract';

readModelStoreContract('in memory', async () => {
  const store = new InMemoryReadModelStore();
  return { store, reader: store, target: { projection: 'contract', slot: 'blue' } };
});
