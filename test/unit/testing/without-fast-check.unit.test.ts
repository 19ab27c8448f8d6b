import { hasErrorCode } from '../../../src/domain/errors';

// A project that installed eventfold without the optional peer fast-check.
jest.mock('fast-check', () => {
  throw Object.assign(new Error("Cannot find module 'fast-check'"), { code: 'MODULE_NOT_FOUND' });
});

describe('eventfold/testing without fast-check', () => {
  it('loads the given/when/then kits, and the contract suite says what to install', async () => {
    const testing = await import('../../../src/testing');
    expect(typeof testing.forAggregate).toBe('function');
    expect(typeof testing.forProjection).toBe('function');
    let error: unknown;
    try {
      testing.eventStoreContract('no fast-check', async () => new testing.InMemoryEventStore());
    } catch (e) {
      error = e;
    }
    expect(hasErrorCode(error, 'CONFIGURATION_INVALID')).toBe(true);
    expect((error as Error).message).toContain('npm i -D fast-check');
  });
});
