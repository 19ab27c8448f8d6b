import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  type SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { checkedTimer } from '../../application/process/timer-checks';
import type { TimerRequest, TimerScheduler } from '../../application/process/timer-scheduler';
import type { TimerSettings } from '../config';
import { atExpression } from './at-expression';
import { scheduleNameOf } from './schedule-name';

/** How EventBridge Scheduler retries a failed delivery before it goes to the dead-letter queue. */
export interface TimerRetryPolicy {
  /** 0 to 185; default 20. */
  readonly maximumRetryAttempts: number;
  /** 60 to 86,400; default a day, so a timer survives a day-long outage of its function. */
  readonly maximumEventAgeInSeconds: number;
}

/** The retry policy of every timer unless another is given. */
export const DEFAULT_TIMER_RETRY_POLICY: TimerRetryPolicy = {
  maximumRetryAttempts: 20,
  maximumEventAgeInSeconds: 86_400,
};

/** What the adapter needs besides the client. */
export interface EventBridgeTimerSchedulerOptions {
  readonly settings: TimerSettings;
  readonly retryPolicy?: TimerRetryPolicy;
  /** The clock that decides how far ahead a schedule must be; `new Date()` when absent. */
  readonly now?: () => Date;
}

/**
 * Timers as EventBridge Scheduler one-time schedules: one `at(...)` schedule per timer in the app's group, named
 * after its `timerId`, deleted by the scheduler once it has fired, invoking the timer function with the timer as
 * input, retried and then parked in the dead-letter queue. Scheduling twice is one schedule (the name conflicts);
 * cancelling an unknown or already fired timer is not an error.
 */
export class EventBridgeTimerScheduler implements TimerScheduler {
  private readonly now: () => Date;

  constructor(
    private readonly client: SchedulerClient,
    private readonly options: EventBridgeTimerSchedulerOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  async schedule(timer: TimerRequest): Promise<void> {
    const checked = checkedTimer(timer);
    try {
      await this.client.send(new CreateScheduleCommand(this.createInput(checked)));
    } catch (error) {
      if (!(error instanceof ConflictException || nameOf(error) === 'ConflictException')) throw error;
    }
  }

  async cancel(timerId: string): Promise<void> {
    const { groupName } = this.options.settings;
    try {
      await this.client.send(
        new DeleteScheduleCommand({ Name: scheduleNameOf(timerId), GroupName: groupName }),
      );
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException || nameOf(error) === 'ResourceNotFoundException')) {
        throw error;
      }
    }
  }

  private createInput(timer: TimerRequest) {
    const { groupName, targetArn, roleArn, deadLetterArn } = this.options.settings;
    const retry = this.options.retryPolicy ?? DEFAULT_TIMER_RETRY_POLICY;
    return {
      Name: scheduleNameOf(timer.timerId),
      GroupName: groupName,
      ScheduleExpression: atExpression(timer.dueAt, this.now()),
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' as const },
      ActionAfterCompletion: 'DELETE' as const,
      Description: `${timer.process} ${timer.processId} ${timer.name}`.slice(0, 512),
      Target: {
        Arn: targetArn,
        RoleArn: roleArn,
        Input: JSON.stringify(timer),
        RetryPolicy: {
          MaximumRetryAttempts: retry.maximumRetryAttempts,
          MaximumEventAgeInSeconds: retry.maximumEventAgeInSeconds,
        },
        DeadLetterConfig: deadLetterArn ? { Arn: deadLetterArn } : undefined,
      },
    };
  }
}

function nameOf(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}
