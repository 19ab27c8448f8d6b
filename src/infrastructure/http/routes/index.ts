import type { RouteDefinition } from '../route';
import { runCommandRoute } from './command-routes';
import { redriveRoute } from './dead-letter-routes';
import { publishBatchRoute, publishEventRoute, readStreamRoute } from './event-routes';
import {
  projectionStatusRoute,
  readDocumentRoute,
  rollbackRoute,
  startRebuildRoute,
} from './projection-routes';
import { forgetSubjectRoute } from './personal-routes';
import { listRowsRoute, readRowRoute } from './row-routes';
import { runQueryRoute } from './query-routes';
import { cancelReplayRoute, replayStatusRoute, resumeReplayRoute, startReplayRoute } from './replay-routes';

/** Every route of the eventfold HTTP API; the router and the OpenAPI description both read this list. */
export const apiRoutes: readonly RouteDefinition[] = [
  publishEventRoute,
  publishBatchRoute,
  readStreamRoute,
  runCommandRoute,
  startReplayRoute,
  replayStatusRoute,
  cancelReplayRoute,
  resumeReplayRoute,
  startRebuildRoute,
  projectionStatusRoute,
  rollbackRoute,
  readDocumentRoute,
  listRowsRoute,
  readRowRoute,
  runQueryRoute,
  redriveRoute,
  forgetSubjectRoute,
];
