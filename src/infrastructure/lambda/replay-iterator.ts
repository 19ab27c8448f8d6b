import type { Container } from 'inversify';
import { replayIteratorFunctionContainer } from '../container/app-free-containers';
import { RebuildTokens } from '../container/rebuild-bindings';
import { iterate } from '../stepfunctions/replay-iterator';
import { appFreeColdStartOf } from './cold-start-of';
import { roleHandler } from './role-handler';

const coldStart = appFreeColdStartOf(replayIteratorFunctionContainer);

/**
 * The replay iterator over a container: by default the function's cold-start container, which binds
 * only what this role uses; the local runtimes pass their own.
 */
export const replayIterator = (container?: () => Container) =>
  roleHandler('replayIterator', RebuildTokens.iteratorDeps, iterate, container ?? coldStart);

/** The replay iterator function: the task of the replay state machine. */
export const handler = replayIterator();
