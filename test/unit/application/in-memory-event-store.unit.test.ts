import { eventStoreContract } from '../../support/event-store-contract';
import { InMemoryEventStore } from '../../../src/testing/in-memory-event-store';

eventStoreContract('in memory', async () => new InMemoryEventStore(), { heavyTimeoutMs: 30_000 });
