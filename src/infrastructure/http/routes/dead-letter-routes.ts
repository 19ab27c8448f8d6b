import { defineRoute } from '../route';
import { described } from './common-schemas';

const redriveReportSchema = {
  type: 'object',
  description: 'Counts of the redrive: received, released, failedAgain, stale, deferred',
  properties: {
    received: { type: 'integer' },
    released: { type: 'integer' },
    failedAgain: { type: 'integer' },
    stale: { type: 'integer' },
    deferred: { type: 'integer' },
  },
} as const;

/** POST /dead-letters/redrive: re-applies parked events (and the events held behind them) and releases them. */
export const redriveRoute = defineRoute({
  method: 'POST',
  path: '/dead-letters/redrive',
  operationId: 'redriveDeadLetters',
  summary:
    'Re-apply the events parked in the dead-letter queue and release the aggregates waiting behind them',
  tags: ['projections'],
  responses: { 200: described('What the redrive did', redriveReportSchema) },
  handle: async (_request, services) => ({ status: 200, body: await services.deadLetters.redrive() }),
});
