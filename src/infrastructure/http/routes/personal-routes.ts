import { NotFoundError } from '../../../domain/domain-errors';
import { defineRoute } from '../route';
import { described } from './common-schemas';

/** POST /subjects/{subject}/forget: forgets a data subject (its key destroyed, `SubjectForgotten` appended). */
export const forgetSubjectRoute = defineRoute({
  method: 'POST',
  path: '/subjects/{subject}/forget',
  operationId: 'forgetSubject',
  summary: "Forget a data subject: its personal data reads as each field's replacement from now on",
  tags: ['personal data'],
  params: { subject: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,199}$' } },
  responses: {
    200: described('The subject is forgotten; where its SubjectForgotten event is stored', {
      type: 'object',
      properties: {
        subject: { type: 'string' },
        streamId: { type: 'string' },
        version: { type: 'integer' },
      },
    }),
    404: described('The domain declares no personal data'),
  },
  handle: async (request, services) => {
    const { subject } = request.params as { subject: string };
    if (!services.subjects) throw new NotFoundError('personal data of subject', subject);
    const metadata = request.headers['x-correlation-id']
      ? { correlationId: request.headers['x-correlation-id'] }
      : {};
    return { status: 200, body: await services.subjects.forget(subject, metadata) };
  },
});
