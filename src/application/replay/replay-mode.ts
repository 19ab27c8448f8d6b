import { ValidationError, type FieldViolation } from '../../domain/validation-error';
import { parseStreamId, STREAM_ID_RULE } from '../../domain/stored-event';

/**
 * What a replay delivers: every event, the events committed at or after a time, or the events of one aggregate.
 * @example
 * const mode: ReplayMode = { kind: 'since', since: '2026-11-22T14:00:00.000Z' };
 */
export type ReplayMode =
  | { readonly kind: 'all' }
  | { readonly kind: 'since'; readonly since: string }
  | { readonly kind: 'aggregate'; readonly streamId: string };

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

function violationsOf(input: Record<string, unknown>): FieldViolation[] {
  const { kind, since, streamId } = input;
  if (kind === 'all') return [];
  if (kind === 'since') {
    const ok = typeof since === 'string' && ISO_TIME.test(since) && !Number.isNaN(Date.parse(since));
    return ok
      ? []
      : [{ field: 'since', reasons: ['must be an ISO-8601 UTC time like 2026-11-22T14:00:00.000Z'] }];
  }
  if (kind === 'aggregate') {
    const ok = typeof streamId === 'string' && parseStreamId(streamId) !== undefined;
    return ok ? [] : [{ field: 'streamId', reasons: [`must be a stream id ${STREAM_ID_RULE}`] }];
  }
  return [{ field: 'kind', reasons: ["must be one of 'all', 'since', 'aggregate'"] }];
}

/**
 * Checks untrusted input (an API body) and returns the replay mode it names.
 * @throws ValidationError naming every invalid field.
 */
export function parseReplayMode(input: unknown): ReplayMode {
  const record = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  const violations = violationsOf(record);
  if (violations.length > 0) throw new ValidationError('replay mode', violations);
  if (record.kind === 'since') return { kind: 'since', since: String(record.since) };
  if (record.kind === 'aggregate') return { kind: 'aggregate', streamId: String(record.streamId) };
  return { kind: 'all' };
}
