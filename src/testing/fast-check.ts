import type * as FastCheck from 'fast-check';
import { ConfigurationError } from '../domain/domain-errors';

/** The fast-check module, as the contract suite uses it. */
export type FastCheckModule = typeof FastCheck;

/**
 * Loads fast-check when the contract suite runs: it is an optional peer dependency that only the suite needs, so
 * importing `eventfold/testing` for the given/when/then kits works without it.
 */
export function fastCheck(): FastCheckModule {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('fast-check') as FastCheckModule;
  } catch (error) {
    throw new ConfigurationError('eventStoreContract needs fast-check: npm i -D fast-check', {
      install: 'npm i -D fast-check',
      cause: error instanceof Error ? error.message : String(error),
    });
  }
}
