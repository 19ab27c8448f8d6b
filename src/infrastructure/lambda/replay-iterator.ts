import type { Container } from 'inversify';
import { RebuildTokens } from '../container/rebuild-bindings';
import { iterate } from '../stepfunctions/replay-iterator';
import { lambdaHandler } from './lambda-handler';

/**
 * The replay iterator over a container: the function's cold-start container by default; the local runtimes
 * pass their own.
 */
export const replayIterator = (container?: () => Container) =>
  lambdaHandler('replayIterator', RebuildTokens.iteratorDeps, iterate, container);

/** The replay iterator function: the task of the replay state machine. */
export const handler = replayIterator();
