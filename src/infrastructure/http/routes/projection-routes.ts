import { parseStreamId, STREAM_ID_RULE } from '../../../domain/stored-event';
import { NotFoundError } from '../../../domain/domain-errors';
import { ValidationError } from '../../../domain/validation-error';
import { defineRoute } from '../route';
import { described, projectionParam, streamIdParam } from './common-schemas';
import { knownProjection } from './known-projection';

const rebuildSchema = {
  type: 'object',
  description: 'The projection pointer (active slot, rebuild in progress, previous slot) and the rebuild',
} as const;

/** POST /projections/{name}/rebuild: fills the standby table from a replay, then flips to it. */
export const startRebuildRoute = defineRoute({
  method: 'POST',
  path: '/projections/{name}/rebuild',
  operationId: 'startRebuild',
  summary: 'Rebuild a projection into its standby table; reads stay on the active table until the flip',
  tags: ['projections'],
  params: { name: projectionParam },
  responses: {
    202: described('Started', rebuildSchema),
    422: described('A rebuild of this projection is running (RULE_VIOLATION)'),
    503: described('The standby table could not be cleared yet; start again (TEMPORARILY_UNAVAILABLE)'),
  },
  handle: async (request, services) => {
    const name = knownProjection(services, request.params.name!);
    return { status: 202, body: await services.rebuilds.start(name) };
  },
});

/** GET /projections/{name}: the pointer and the rebuild's progress. */
export const projectionStatusRoute = defineRoute({
  method: 'GET',
  path: '/projections/{name}',
  operationId: 'getProjection',
  summary: 'Inspect a projection: active table, rebuild progress, rollback slot',
  tags: ['projections'],
  params: { name: projectionParam },
  responses: { 200: described('The status', rebuildSchema) },
  handle: async (request, services) => ({
    status: 200,
    body: await services.rebuilds.status(knownProjection(services, request.params.name!)),
  }),
});

/** POST /projections/{name}/rollback: flips back to the table the last rebuild replaced. */
export const rollbackRoute = defineRoute({
  method: 'POST',
  path: '/projections/{name}/rollback',
  operationId: 'rollbackProjection',
  summary: 'Roll a projection back to the table before its last flip',
  tags: ['projections'],
  params: { name: projectionParam },
  responses: {
    200: described('Rolled back', rebuildSchema),
    422: described('Nothing to roll back to, or a rebuild is running'),
  },
  handle: async (request, services) => ({
    status: 200,
    body: await services.rebuilds.rollback(knownProjection(services, request.params.name!)),
  }),
});

/** GET /projections/{name}/documents/{streamId}: one document of the active read model. */
export const readDocumentRoute = defineRoute({
  method: 'GET',
  path: '/projections/{name}/documents/{streamId}',
  operationId: 'getDocument',
  summary: "Read a projection's document for one stream from the active table",
  tags: ['projections'],
  params: { name: projectionParam, streamId: streamIdParam },
  responses: {
    200: described('The document', { type: 'object' }),
    404: described('No document for this stream'),
  },
  handle: async (request, services) => {
    const name = knownProjection(services, request.params.name!);
    const streamId = request.params.streamId!;
    if (!parseStreamId(streamId))
      throw new ValidationError('path', [
        { field: 'streamId', reasons: [`must be a stream id ${STREAM_ID_RULE}`] },
      ]);
    const document = await services.documents.document(name, streamId);
    if (!document) throw new NotFoundError(`document of ${name} for`, streamId);
    return { status: 200, body: document };
  },
});
