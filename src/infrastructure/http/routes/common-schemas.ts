import type { JsonSchema } from '../json-schema';
import type { ResponseDoc } from '../route';

/** The body of every error response: a stable code, a message, and the details needed to act. */
export const errorSchema: JsonSchema = {
  type: 'object',
  required: ['code', 'message'],
  properties: {
    code: { type: 'string', description: 'Stable code, e.g. VALIDATION_FAILED, CONCURRENCY_CONFLICT' },
    message: { type: 'string' },
    details: {
      type: 'object',
      description: 'violations[{field, reasons}], streamId, expectedVersion, limit, ...',
    },
  },
};

/** A stored event as the API returns it. */
export const storedEventSchema: JsonSchema = {
  type: 'object',
  properties: {
    streamId: { type: 'string' },
    version: { type: 'integer' },
    eventId: { type: 'string' },
    type: { type: 'string' },
    schemaVersion: { type: 'integer' },
    data: { type: 'object' },
    metadata: { type: 'object' },
    commitId: { type: 'string' },
    committedAt: { type: 'string', format: 'date-time' },
  },
};

/** What a commit stored. */
export const commitResultSchema: JsonSchema = {
  type: 'object',
  properties: {
    commitId: { type: 'string' },
    committedAt: { type: 'string', format: 'date-time' },
    duplicate: { type: 'boolean', description: 'true when this was a retry of a commit already stored' },
    events: { type: 'array', items: storedEventSchema },
  },
};

/** A response documented by description only. */
export const described = (description: string, schema?: JsonSchema): ResponseDoc => ({ description, schema });

/** A path parameter holding a stream id (`Order#42`, URL-encoded as `Order%2342`). */
export const streamIdParam = { type: 'string', minLength: 3, maxLength: 401 } as const;

/**
 * A path parameter holding a projection name. Any string: a name no projection has is a 404 (not a 400), whatever
 * its shape, so that every unknown projection answers alike.
 */
export const projectionParam = { type: 'string' } as const;
