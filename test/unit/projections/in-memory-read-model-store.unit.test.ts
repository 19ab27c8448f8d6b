import { InMemoryReadModelStore } from '../../../src/projections/in-memory-read-model-store';
import { jointCommitContract } from '../../support/joint-commit-contract';
import { readModelStoreContract } from '../../support/read-model-store-contract';

const make = async () => {
  const store = new InMemoryReadModelStore();
  return { store, reader: store, target: { projection: 'contract', slot: 'blue' } as const };
};
readModelStoreContract('in memory', make);
jointCommitContract('in memory', make, 100);
