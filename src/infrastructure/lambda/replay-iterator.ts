import { RebuildTokens } from '../container/rebuild-bindings';
import { iterate } from '../stepfunctions/replay-iterator';
import { lambdaHandler } from './lambda-handler';

/** The replay iterator function: the task of the replay state machine. */
export const handler = lambdaHandler('replayIterator', RebuildTokens.iteratorDeps, iterate);
