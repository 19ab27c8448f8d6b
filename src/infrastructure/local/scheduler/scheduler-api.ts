import { timeOfAt } from '../../scheduler/at-expression';
import { ScheduleExists, type StoredSchedule, type ScheduleTable } from './schedule-table';

/** An answer of the local Scheduler API: status, AWS error type (for the SDK) and JSON body. */
export interface SchedulerAnswer {
  readonly status: number;
  readonly errorType?: string;
  readonly body: Record<string, unknown>;
}

/** A request of the Scheduler API, as the HTTP front parsed it. */
export interface SchedulerRequest {
  readonly method: string;
  readonly name: string;
  readonly groupName?: string;
  readonly body: Record<string, any>;
}

const ACCOUNT = '000000000000';
const NAME = /^[0-9a-zA-Z_.-]{1,64}$/;

const fail = (status: number, errorType: string, message: string): SchedulerAnswer => ({
  status,
  errorType,
  body: { Message: message },
});

function arnOf(group: string, name: string): string {
  return `arn:aws:scheduler:us-east-1:${ACCOUNT}:schedule/${group}/${name}`;
}

/**
 * When the local scheduler fires a schedule: the time its `at(...)` names, or the timer's own `dueAt` in its
 * input when that lies within the second before (an `at` expression has whole seconds; the service fires within
 * the minute after). So `advance('15m')` fires a timer due in exactly 15 minutes, as in memory.
 */
function firingTime(at: Date, input: string): number {
  let dueAt: unknown;
  try {
    dueAt = (JSON.parse(input) as { dueAt?: unknown }).dueAt;
  } catch {
    return at.getTime();
  }
  const exact = typeof dueAt === 'string' ? Date.parse(dueAt) : NaN;
  return exact <= at.getTime() && exact > at.getTime() - 1000 ? exact : at.getTime();
}

function scheduleOf(name: string, body: Record<string, any>): StoredSchedule | SchedulerAnswer {
  const group = typeof body.GroupName === 'string' ? body.GroupName : 'default';
  const due = timeOfAt(String(body.ScheduleExpression ?? ''));
  const zone = body.ScheduleExpressionTimezone ?? 'UTC';
  if (!due || zone !== 'UTC') {
    return fail(400, 'ValidationException', 'the local scheduler takes only at(...) schedules in UTC');
  }
  const target = body.Target ?? {};
  if (typeof target.Arn !== 'string' || typeof target.Input !== 'string') {
    return fail(400, 'ValidationException', 'Target.Arn and Target.Input are required');
  }
  return {
    id: `${group}/${name}`,
    group,
    name,
    expression: String(body.ScheduleExpression),
    dueAt: firingTime(due, target.Input),
    targetArn: target.Arn,
    input: target.Input,
    deadLetterArn: target.DeadLetterConfig?.Arn,
    maxRetries: Number(target.RetryPolicy?.MaximumRetryAttempts ?? 185),
    attempts: 0,
    nextAttemptAt: 0,
  };
}

/**
 * The part of EventBridge Scheduler's API the timer scheduler uses (CreateSchedule, DeleteSchedule, GetSchedule of
 * one-time schedules), over the local schedules table, with the status codes and error types of the service.
 */
export async function answerScheduler(
  table: ScheduleTable,
  request: SchedulerRequest,
): Promise<SchedulerAnswer> {
  if (!NAME.test(request.name))
    return fail(400, 'ValidationException', `invalid schedule name ${request.name}`);
  if (request.method === 'POST') return create(table, request);
  const group = request.groupName ?? 'default';
  const id = `${group}/${request.name}`;
  if (request.method === 'DELETE') {
    return (await table.delete(id)) ? { status: 200, body: {} } : notFound(id);
  }
  if (request.method === 'GET') {
    const found = await table.get(id);
    return found ? { status: 200, body: describe(found) } : notFound(id);
  }
  return fail(405, 'ValidationException', `method ${request.method} is not supported`);
}

async function create(table: ScheduleTable, request: SchedulerRequest): Promise<SchedulerAnswer> {
  const schedule = scheduleOf(request.name, request.body);
  if ('status' in schedule) return schedule;
  try {
    await table.create(schedule);
  } catch (error) {
    if (error instanceof ScheduleExists)
      return fail(409, 'ConflictException', `schedule ${schedule.id} exists`);
    throw error;
  }
  return { status: 200, body: { ScheduleArn: arnOf(schedule.group, schedule.name) } };
}

function notFound(id: string): SchedulerAnswer {
  return fail(404, 'ResourceNotFoundException', `schedule ${id} does not exist`);
}

function describe(schedule: StoredSchedule): Record<string, unknown> {
  return {
    Arn: arnOf(schedule.group, schedule.name),
    Name: schedule.name,
    GroupName: schedule.group,
    ScheduleExpression: schedule.expression,
    ScheduleExpressionTimezone: 'UTC',
    State: 'ENABLED',
    ActionAfterCompletion: 'DELETE',
    Target: {
      Arn: schedule.targetArn,
      Input: schedule.input,
      RetryPolicy: { MaximumRetryAttempts: schedule.maxRetries },
      DeadLetterConfig: schedule.deadLetterArn ? { Arn: schedule.deadLetterArn } : undefined,
    },
  };
}
