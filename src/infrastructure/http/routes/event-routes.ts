import type { CommitResult } from '../../../domain/ports';
import { parseStreamId, STREAM_ID_RULE } from '../../../domain/stored-event';
import { LimitExceededError } from '../../../domain/domain-errors';
import { ValidationError } from '../../../domain/validation-error';
import type { ApiServices } from '../api-ports';
import { assertAppliesToAggregate, type PublishInput, toCommit } from '../publish';
import { publishBatchSchema, publishEventSchema } from '../publish-schema';
import { defineRoute, type ApiResponse } from '../route';
import { commitResultSchema, described, storedEventSchema, streamIdParam } from './common-schemas';

async function publish(
  services: ApiServices,
  inputs: readonly PublishInput[],
  commitId?: string,
): Promise<ApiResponse> {
  const { commit, checks } = toCommit(services.domain, inputs, commitId);
  for (const [streamId, events] of checks) {
    await assertAppliesToAggregate(services.domain, services.eventStore, streamId, events);
  }
  const result: CommitResult = await services.eventStore.commit(commit);
  return { status: result.duplicate ? 200 : 201, body: result };
}

/** POST /events: appends one event to one stream at an expected version. */
export const publishEventRoute = defineRoute({
  method: 'POST',
  path: '/events',
  operationId: 'publishEvent',
  summary: 'Publish one event to a stream at an expected version',
  tags: ['events'],
  body: publishEventSchema,
  responses: {
    201: described('Stored', commitResultSchema),
    200: described(
      'A retry of an event already stored (same eventId, at the same or a later expectedVersion): nothing stored twice',
      commitResultSchema,
    ),
    409: described(
      'The stream is not at expectedVersion (CONCURRENCY_CONFLICT), or the eventId is already stored in it as part of another publish (DUPLICATE_EVENT_ID); nothing stored',
    ),
  },
  handle: (request, services) => publish(services, [request.body as PublishInput]),
});

/** POST /events/batch: appends several events, over one or several streams, in one atomic commit. */
export const publishBatchRoute = defineRoute({
  method: 'POST',
  path: '/events/batch',
  operationId: 'publishBatch',
  summary: 'Publish several events atomically (all or none)',
  tags: ['events'],
  body: publishBatchSchema,
  responses: {
    201: described('All stored', commitResultSchema),
    200: described('A retry of a commit already stored', commitResultSchema),
    409: described(
      'A stream is not at its expectedVersion, or an eventId is already stored apart from a resend of this batch; nothing stored',
    ),
  },
  handle: (request, services) => {
    const body = request.body as { commitId?: string; events: PublishInput[] };
    const max = services.limits.maxBatchEvents;
    if (body.events.length > max) throw new LimitExceededError('events per batch', max, body.events.length);
    return publish(services, body.events, body.commitId);
  },
});

/** GET /streams/{streamId}: the events of one stream, in version order. */
export const readStreamRoute = defineRoute({
  method: 'GET',
  path: '/streams/{streamId}',
  operationId: 'readStream',
  summary: 'Read the events of a stream (`?fromVersion=&limit=`, at most 1000 a page)',
  tags: ['events'],
  params: { streamId: streamIdParam },
  responses: {
    200: described('The events, oldest first', {
      type: 'object',
      properties: { events: { type: 'array', items: storedEventSchema } },
    }),
  },
  handle: async (request, services) => {
    const { streamId } = request.params as { streamId: string };
    if (!parseStreamId(streamId)) {
      throw new ValidationError('path', [
        { field: 'streamId', reasons: [`must be a stream id ${STREAM_ID_RULE}`] },
      ]);
    }
    const fromVersion = wholeNumber(request.query.fromVersion, 'fromVersion', 1, Number.MAX_SAFE_INTEGER);
    const limit = wholeNumber(request.query.limit, 'limit', MAX_PAGE, MAX_PAGE);
    const events = [];
    for await (const event of services.eventStore.readStream(streamId, {
      fromVersion,
      toVersion: Math.min(fromVersion + limit - 1, Number.MAX_SAFE_INTEGER),
    })) {
      events.push(event);
    }
    return { status: 200, body: { streamId, events } };
  },
});

/** Most events one stream read returns. */
const MAX_PAGE = 1000;

/** A query parameter holding a whole number from 1 to `max`, in plain decimal digits (no `1e3`, `0x10`, ` 1`). */
function wholeNumber(value: string | undefined, field: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = /^[1-9][0-9]{0,15}$/.test(value) ? Number(value) : Number.NaN;
  if (!(n <= max))
    throw new ValidationError('query', [{ field, reasons: [`must be a whole number from 1 to ${max}`] }]);
  return n;
}
