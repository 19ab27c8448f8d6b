import { defineRoute } from '../route';
import { described, storedEventSchema } from './common-schemas';

/** POST /commands/{name}: runs a registered command; the body is the command's fields. */
export const runCommandRoute = defineRoute({
  method: 'POST',
  path: '/commands/{name}',
  operationId: 'runCommand',
  summary: 'Run a command by name; the body holds its fields, validated by the command class',
  tags: ['commands'],
  params: { name: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_.-]{0,127}$' } },
  body: { type: 'object', description: "The command's fields" },
  responses: {
    200: described('The command ran; the events it stored', {
      type: 'object',
      properties: { commitId: { type: 'string' }, events: { type: 'array', items: storedEventSchema } },
    }),
    404: described('The target aggregate does not exist'),
    409: described('Another writer kept winning after the retries'),
    422: described('The command breaks a business rule'),
  },
  handle: async (request, services) => {
    const { name } = request.params as { name: string };
    services.domain.command(name);
    const metadata = request.headers['x-correlation-id']
      ? { correlationId: request.headers['x-correlation-id'] }
      : undefined;
    const outcome = await services.commands.dispatch(name, request.body, { metadata });
    const { streamId, version, commitId, events } = outcome;
    return { status: 200, body: { streamId, version, commitId, events } };
  },
});
