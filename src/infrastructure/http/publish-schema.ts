import type { JsonSchema, ObjectSchema } from './json-schema';

const eventFields: Record<string, JsonSchema> = {
  streamId: {
    type: 'string',
    maxLength: 401,
    description: '`<AggregateType>#<id>`; or give aggregateType and aggregateId',
  },
  aggregateType: { type: 'string', minLength: 1, maxLength: 64 },
  aggregateId: { type: 'string', minLength: 1, maxLength: 200 },
  expectedVersion: {
    type: 'integer',
    minimum: 0,
    description: 'The version the stream is at before this event; 0 for a new stream.',
  },
  type: { type: 'string', minLength: 1, maxLength: 128, description: 'A type registered in the domain.' },
  schemaVersion: { type: 'integer', minimum: 1, description: 'Defaults to the current version of the type.' },
  data: { type: 'object', description: 'The event data; it must deserialize into the registered class.' },
  eventId: {
    type: 'string',
    pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$',
    description: 'Makes a retried publish idempotent; generated when absent.',
  },
  metadata: { type: 'object', maxProperties: 32, description: 'Correlation and causation ids, actor, ...' },
};

/** The body of `POST /events`: one event appended to one stream at an expected version. */
export const publishEventSchema: ObjectSchema = {
  type: 'object',
  properties: eventFields,
  required: ['expectedVersion', 'type', 'data'],
  additionalProperties: false,
};

/** The body of `POST /events/batch`: events over one or several streams, stored in one atomic commit. */
export const publishBatchSchema: ObjectSchema = {
  type: 'object',
  properties: {
    commitId: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$' },
    events: { type: 'array', minItems: 1, items: publishEventSchema },
  },
  required: ['events'],
  additionalProperties: false,
};
