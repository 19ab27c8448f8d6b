import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { isEventfoldError } from '../../../domain/errors';
import { ValidationError } from '../../../domain/validation-error';
import type { Duration } from '../../../domain/duration';
import type { ClockMove, LocalTimers } from './local-timers';

/** The local runtime's own route: read and move its clock. It exists only in the local runtime's HTTP front. */
export const CLOCK_PATH = '/local/clock';

function json(statusCode: number, body: unknown): APIGatewayProxyResult {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

function bodyOf(event: APIGatewayProxyEvent): Record<string, unknown> {
  const text = event.body
    ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8').toString()
    : '{}';
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ValidationError('clock move', [{ field: 'body', reasons: ['must be a JSON object'] }]);
  }
  return parsed as Record<string, unknown>;
}

function move(timers: LocalTimers, body: Record<string, unknown>): Promise<ClockMove> {
  const { advance, to } = body;
  if ((advance === undefined) === (to === undefined)) {
    throw new ValidationError('clock move', [
      { field: 'advance', reasons: ["give one of 'advance' or 'to'"] },
    ]);
  }
  if (advance !== undefined) return timers.advance(advance as Duration);
  const time = typeof to === 'string' ? new Date(to) : new Date(NaN);
  if (Number.isNaN(time.getTime())) {
    throw new ValidationError('clock move', [{ field: 'to', reasons: ['must be an ISO 8601 date'] }]);
  }
  return timers.advanceTo(time);
}

/**
 * `GET /local/clock` answers the runtime's time; `POST /local/clock` with `{"advance": "15m"}` (or milliseconds)
 * or `{"to": "2026-01-01T12:00:00Z"}` moves it forward and answers once every timer due by then was delivered:
 * `{ now, delivered }`. Bad input is a 400.
 */
export async function answerClock(
  timers: LocalTimers,
  event: APIGatewayProxyEvent,
): Promise<APIGatewayProxyResult> {
  try {
    if (event.httpMethod === 'GET') return json(200, { now: timers.clock.now().toISOString() });
    if (event.httpMethod !== 'POST') return json(405, { code: 'METHOD_NOT_ALLOWED', message: 'GET or POST' });
    const { now, delivered } = await move(timers, bodyOf(event));
    return json(200, { now: now.toISOString(), delivered });
  } catch (error) {
    if (isEventfoldError(error)) return json(error.httpStatus, error.toJSON());
    throw error;
  }
}
