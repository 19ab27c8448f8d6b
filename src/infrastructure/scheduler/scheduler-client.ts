import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { type AwsEndpoints, clientConfig } from '../aws/aws-config';
import { withoutSdkRequestLogging } from '../aws/quiet-sdk-logging';

/**
 * An EventBridge Scheduler client for AWS or the local runtime's scheduler. Apart from the other clients so that
 * only the functions that schedule timers bundle it.
 */
export function createSchedulerClient(endpoints: AwsEndpoints): SchedulerClient {
  return withoutSdkRequestLogging(new SchedulerClient(clientConfig(endpoints, endpoints.scheduler)));
}
