import { ConfigurationError } from '../domain/domain-errors';

/** The assertions the contract uses; jest's and vitest's `expect` both have them. */
export interface ContractMatchers {
  toBe(expected: unknown): void;
  toEqual(expected: unknown): void;
  toMatchObject(expected: object): void;
  toBeGreaterThan(expected: number): void;
  toBeGreaterThanOrEqual(expected: number): void;
  toHaveLength(expected: number): void;
  toContain(expected: unknown): void;
  readonly not: { toHaveProperty(path: string): void };
  readonly rejects: { toMatchObject(expected: object): Promise<void> };
}

/** The globals of the test runner the contract registers its cases with (jest, or vitest with `globals`). */
export interface TestRunnerGlobals {
  describe(name: string, body: () => void): void;
  it(name: string, body: () => Promise<void>, timeoutMs?: number): void;
  expect(actual: unknown): ContractMatchers;
}

/**
 * The running test runner's `describe`, `it` and `expect`, read when the contract is called, so that this package
 * names no test runner as a dependency.
 */
export function testRunnerGlobals(): TestRunnerGlobals {
  const globals = globalThis as Partial<TestRunnerGlobals>;
  if (!globals.describe || !globals.it || !globals.expect) {
    throw new ConfigurationError(
      'eventStoreContract registers test cases: call it from a test file run by jest (or vitest with globals: true)',
    );
  }
  return globals as TestRunnerGlobals;
}
