import { LimitExceededError } from '../../domain/domain-errors';
import { type FieldViolation, ValidationError } from '../../domain/validation-error';
import type { TimerRequest } from './timer-scheduler';

/** The largest timer, as JSON: EventBridge Scheduler's limit on a target's input (8,192 characters). */
export const MAX_TIMER_JSON_CHARS = 8192;

const TEXT_FIELDS = ['timerId', 'process', 'processId', 'name'] as const;

function violationsOf(timer: Partial<Record<keyof TimerRequest, unknown>>): FieldViolation[] {
  const violations: FieldViolation[] = [];
  for (const field of TEXT_FIELDS) {
    const value = timer[field];
    if (typeof value !== 'string' || value.length === 0) {
      violations.push({ field, reasons: ['must be a non-empty string'] });
    }
  }
  if (typeof timer.dueAt !== 'string' || Number.isNaN(Date.parse(timer.dueAt))) {
    violations.push({ field: 'dueAt', reasons: ['must be an ISO 8601 date'] });
  }
  const payload = timer.payload;
  if (payload !== undefined && (typeof payload !== 'object' || payload === null || Array.isArray(payload))) {
    violations.push({ field: 'payload', reasons: ['must be an object when present'] });
  }
  return violations;
}

/**
 * Checks a timer before it is scheduled, or when it is delivered: every field present and of its type, `dueAt` a
 * date, and the whole at most {@link MAX_TIMER_JSON_CHARS} as JSON. Returns it typed.
 * @throws ValidationError (400) naming every bad field; LimitExceededError (413) when it is too large.
 */
export function checkedTimer(timer: unknown): TimerRequest {
  const candidate = (typeof timer === 'object' && timer !== null ? timer : {}) as Partial<TimerRequest>;
  const violations = violationsOf(candidate);
  if (violations.length > 0) throw new ValidationError('timer', violations);
  const size = JSON.stringify(candidate).length;
  if (size > MAX_TIMER_JSON_CHARS) {
    throw new LimitExceededError('timer size (JSON characters)', MAX_TIMER_JSON_CHARS, size, {
      timerId: candidate.timerId,
    });
  }
  return candidate as TimerRequest;
}
