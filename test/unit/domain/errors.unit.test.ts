import {
  ConcurrencyError,
  ConfigurationError,
  DuplicateEventIdError,
  ErrorCodes,
  EventfoldError,
  LimitExceededError,
  NotFoundError,
  RuleViolation,
  SqlChangeRejectedError,
  TemporarilyUnavailableError,
  UnknownTypeError,
  ValidationError,
  hasErrorCode,
  httpStatusOf,
  isEventfoldError,
} from '../../../src';

describe('errors', () => {
  const samples: EventfoldError[] = [
    new ConcurrencyError('Order#1', 3, 4),
    new ValidationError('command X', [{ field: 'a', reasons: ['must be a string'] }]),
    new NotFoundError('Order', '1'),
    new RuleViolation('insufficient funds', { balance: 3 }),
    new LimitExceededError('events per commit', 100, 120),
    new UnknownTypeError('event type', 'Nope'),
    new ConfigurationError('broken'),
    new TemporarilyUnavailableError('standby table not cleared yet'),
    new DuplicateEventIdError('Order#1', 'e-1', 3),
    new SqlChangeRejectedError(
      { projection: 'order-search', slot: 'blue', streamId: 'Order#1', version: 2 },
      1,
      Object.assign(new Error('violates check constraint'), { code: '23514' }),
    ),
  ];

  it('gives every code exactly one HTTP status, in the 4xx or 5xx range', () => {
    for (const code of Object.values(ErrorCodes)) {
      expect(httpStatusOf[code]).toBeGreaterThanOrEqual(400);
      expect(httpStatusOf[code]).toBeLessThan(600);
    }
    expect(Object.keys(httpStatusOf).sort()).toEqual(Object.values(ErrorCodes).sort());
  });

  it.each([
    [ErrorCodes.concurrency, 409],
    [ErrorCodes.validation, 400],
    [ErrorCodes.notFound, 404],
    [ErrorCodes.ruleViolation, 422],
    [ErrorCodes.limitExceeded, 413],
    [ErrorCodes.unknownType, 400],
    [ErrorCodes.configuration, 500],
    [ErrorCodes.unavailable, 503],
    [ErrorCodes.duplicateEventId, 409],
    [ErrorCodes.readModelRejected, 422],
  ])('maps %s to HTTP %d', (code, status) => {
    const error = samples.find((sample) => sample.code === code);
    expect(error?.httpStatus).toBe(status);
  });

  it('covers each code with its own error class, named after the class', () => {
    expect(new Set(samples.map((e) => e.code)).size).toBe(Object.values(ErrorCodes).length);
    expect(samples.map((e) => e.name)).toEqual([
      'ConcurrencyError',
      'ValidationError',
      'NotFoundError',
      'RuleViolation',
      'LimitExceededError',
      'UnknownTypeError',
      'ConfigurationError',
      'TemporarilyUnavailableError',
      'DuplicateEventIdError',
      'SqlChangeRejectedError',
    ]);
  });

  it('names stream, expected and actual version in a concurrency error', () => {
    const error = new ConcurrencyError('Order#1', 3, 4);
    expect(error.message).toBe('stream Order#1 is at version 4, the writer expected 3');
    expect(error.context).toEqual({ streamId: 'Order#1', expectedVersion: 3, actualVersion: 4 });
    expect(new ConcurrencyError('Order#1', 3, undefined).message).toContain('version unknown');
  });

  it('keeps the cause of a wrapped error', () => {
    const cause = new Error('condition failed');
    expect(new ConcurrencyError('A#1', 0, 1, { cause }).cause).toBe(cause);
  });

  it('names limit, maximum and actual value of a limit error', () => {
    const error = new LimitExceededError('items per transaction', 100, 101, { streamId: 'A#1' });
    expect(error.message).toBe('items per transaction: 101 exceeds the limit of 100');
    expect(error.context).toEqual({ limit: 'items per transaction', max: 100, actual: 101, streamId: 'A#1' });
  });

  it('lists every invalid field of a validation error in its message', () => {
    const error = new ValidationError('command Pay', [
      { field: 'amount', reasons: ['must be positive', 'must be an integer'] },
      { field: 'payee', reasons: ['must be a string'] },
    ]);
    expect(error.message).toBe(
      'invalid command Pay: amount: must be positive; must be an integer | payee: must be a string',
    );
  });

  it('serializes to a JSON body with code, message and details', () => {
    const body = JSON.parse(JSON.stringify(new NotFoundError('Order', '7')));
    expect(body).toEqual({
      code: 'NOT_FOUND',
      message: 'Order 7 does not exist',
      details: { kind: 'Order', id: '7' },
    });
  });

  it('recognises eventfold errors by shape, also from another package copy', () => {
    const foreign = Object.assign(new Error('x'), { code: 'NOT_FOUND', httpStatus: 404 });
    expect(isEventfoldError(foreign)).toBe(true);
    expect(isEventfoldError(new Error('plain'))).toBe(false);
    expect(isEventfoldError({ code: 'NOT_FOUND', httpStatus: 404 })).toBe(false);
    expect(hasErrorCode(new RuleViolation('r'), 'RULE_VIOLATION')).toBe(true);
    expect(hasErrorCode(new RuleViolation('r'), 'NOT_FOUND')).toBe(false);
    expect(hasErrorCode('RULE_VIOLATION', 'RULE_VIOLATION')).toBe(false);
  });
});
