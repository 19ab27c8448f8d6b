import { parseReplayMode } from '../../../application/replay/replay-mode';
import { defineRoute } from '../route';
import { described } from './common-schemas';

const replayStatusSchema = {
  type: 'object',
  properties: {
    replayId: { type: 'string' },
    state: { type: 'string', enum: ['RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'] },
    eventsPublished: { type: 'integer' },
    pages: { type: 'integer' },
    position: { type: 'object' },
    startedAt: { type: 'string', format: 'date-time' },
    endedAt: { type: 'string', format: 'date-time' },
    error: { type: 'string' },
  },
} as const;

const replayIdParam = {
  replayId: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$' },
} as const;

/** POST /replays: starts a replay of every event, the events since a time, or one aggregate's events. */
export const startReplayRoute = defineRoute({
  method: 'POST',
  path: '/replays',
  operationId: 'startReplay',
  summary: 'Start a replay onto the replay stream',
  tags: ['replays'],
  body: {
    type: 'object',
    required: ['kind'],
    additionalProperties: false,
    properties: {
      kind: { type: 'string', enum: ['all', 'since', 'aggregate'] },
      since: { type: 'string', format: 'date-time', description: "With kind 'since': ISO-8601 UTC time" },
      streamId: { type: 'string', description: "With kind 'aggregate': the stream to replay" },
    },
  },
  responses: {
    202: described('Started; poll its status', {
      type: 'object',
      properties: { replayId: { type: 'string' }, statusUrl: { type: 'string' } },
    }),
  },
  handle: async (request, services) => {
    const replayId = await services.replays.start(parseReplayMode(request.body));
    const statusUrl = `/replays/${encodeURIComponent(replayId)}`;
    return { status: 202, body: { replayId, statusUrl }, headers: { Location: statusUrl } };
  },
});

/** GET /replays/{replayId}: state, counts and position of a replay. */
export const replayStatusRoute = defineRoute({
  method: 'GET',
  path: '/replays/{replayId}',
  operationId: 'getReplay',
  summary: "Read a replay's status",
  tags: ['replays'],
  params: replayIdParam,
  responses: { 200: described('The status', replayStatusSchema), 404: described('No such replay') },
  handle: async (request, services) => ({
    status: 200,
    body: await services.replays.status(request.params.replayId!),
  }),
});

/** POST /replays/{replayId}/cancel: stops a running replay. */
export const cancelReplayRoute = defineRoute({
  method: 'POST',
  path: '/replays/{replayId}/cancel',
  operationId: 'cancelReplay',
  summary: 'Cancel a running replay',
  tags: ['replays'],
  params: replayIdParam,
  responses: {
    200: described('Cancelled', replayStatusSchema),
    404: described('No such replay'),
    422: described('The replay has ended'),
  },
  handle: async (request, services) => ({
    status: 200,
    body: await services.replays.cancel(request.params.replayId!),
  }),
});

/** POST /replays/{replayId}/resume: continues a FAILED replay from its stored cursor in a new execution. */
export const resumeReplayRoute = defineRoute({
  method: 'POST',
  path: '/replays/{replayId}/resume',
  operationId: 'resumeReplay',
  summary: 'Resume a failed replay from its stored cursor',
  tags: ['replays'],
  params: replayIdParam,
  responses: {
    200: described('Resumed', replayStatusSchema),
    404: described('No such replay'),
    422: described('The replay has not failed'),
  },
  handle: async (request, services) => ({
    status: 200,
    body: await services.replays.resume(request.params.replayId!),
  }),
});
