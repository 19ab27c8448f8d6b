import type { Commit, StreamAppend } from '../../../domain/ports';
import { parseStreamId, STREAM_ID_RULE, type NewEvent } from '../../../domain/stored-event';
import { type FieldViolation, ValidationError } from '../../../domain/validation-error';

const EVENT_TYPE = /^[A-Za-z][A-Za-z0-9_.-]{0,127}$/;
const ID = /^[\x21-\x7e]{1,128}$/;

type Violations = FieldViolation[];

function add(violations: Violations, field: string, reason: string): void {
  violations.push({ field, reasons: [reason] });
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkEvent(event: NewEvent, field: string, seen: Set<string>, violations: Violations): void {
  if (!isPlainObject(event)) return add(violations, field, 'must be an event object');
  if (typeof event.eventId !== 'string' || !ID.test(event.eventId)) {
    add(violations, `${field}.eventId`, 'must be 1 to 128 printable ASCII characters');
  } else if (seen.has(event.eventId)) {
    add(violations, `${field}.eventId`, `duplicate event id ${event.eventId} in one commit`);
  }
  seen.add(event.eventId);
  if (typeof event.type !== 'string' || !EVENT_TYPE.test(event.type)) {
    add(violations, `${field}.type`, `must match ${EVENT_TYPE}`);
  }
  if (!Number.isSafeInteger(event.schemaVersion) || event.schemaVersion < 1) {
    add(violations, `${field}.schemaVersion`, `must be a whole number from 1 to ${Number.MAX_SAFE_INTEGER}`);
  }
  if (!isPlainObject(event.data)) add(violations, `${field}.data`, 'must be an object');
  if (event.metadata !== undefined && !isPlainObject(event.metadata)) {
    add(violations, `${field}.metadata`, 'must be an object');
  }
}

function checkAppend(append: StreamAppend, field: string, violations: Violations): void {
  if (typeof append.streamId !== 'string' || !parseStreamId(append.streamId)) {
    add(violations, `${field}.streamId`, `must be ${STREAM_ID_RULE}`);
  }
  const events = Array.isArray(append.events) ? append.events.length : 0;
  if (!Number.isSafeInteger(append.expectedVersion) || append.expectedVersion < 0) {
    add(
      violations,
      `${field}.expectedVersion`,
      `must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}`,
    );
  } else if (append.expectedVersion + events > Number.MAX_SAFE_INTEGER) {
    add(violations, `${field}.events`, `would take the stream past version ${Number.MAX_SAFE_INTEGER}`);
  }
  if (events === 0) add(violations, `${field}.events`, 'must hold at least one event');
}

/**
 * Joins appends to the same stream. A second append must continue where the first ends
 * (its expected version is the first's expected version plus its event count); anything else is refused. The
 * joined ids are fresh only when both appends' are.
 */
function joinAppends(appends: readonly StreamAppend[], violations: Violations): StreamAppend[] {
  const byStream = new Map<string, StreamAppend>();
  appends.forEach((append, index) => {
    const earlier = byStream.get(append.streamId);
    if (!earlier) return void byStream.set(append.streamId, append);
    const continuesAt = earlier.expectedVersion + earlier.events.length;
    if (append.expectedVersion !== continuesAt) {
      const reason = `expected version ${append.expectedVersion} does not continue ${append.streamId} at ${continuesAt}`;
      return add(violations, `streams[${index}].expectedVersion`, reason);
    }
    const freshEventIds = earlier.freshEventIds === true && append.freshEventIds === true;
    byStream.set(append.streamId, {
      ...earlier,
      events: [...earlier.events, ...append.events],
      freshEventIds,
    });
  });
  return [...byStream.values()];
}

/**
 * Checks a commit's shape before anything is written and returns its appends, one per stream.
 * Throws a `ValidationError` listing every problem: no commit id, no events, an invalid stream id, event id or
 * event type, a negative or non-contiguous expected version, an event id used twice.
 */
export function validateCommit(commit: Commit): StreamAppend[] {
  const violations: Violations = [];
  if (typeof commit.commitId !== 'string' || !ID.test(commit.commitId)) {
    add(violations, 'commitId', 'must be 1 to 128 printable ASCII characters');
  }
  if (!Array.isArray(commit.streams) || commit.streams.length === 0) {
    add(violations, 'streams', 'a commit needs at least one stream with events');
    throw new ValidationError('commit', violations);
  }
  const seen = new Set<string>();
  commit.streams.forEach((append, i) => {
    checkAppend(append, `streams[${i}]`, violations);
    const events: readonly NewEvent[] = Array.isArray(append.events) ? append.events : [];
    events.forEach((event, j) => checkEvent(event, `streams[${i}].events[${j}]`, seen, violations));
  });
  const joined = violations.length === 0 ? joinAppends(commit.streams, violations) : [];
  if (violations.length > 0) throw new ValidationError('commit', violations);
  return joined;
}
