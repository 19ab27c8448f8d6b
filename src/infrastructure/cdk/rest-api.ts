import {
  RemovalPolicy,
  aws_apigateway as apigateway,
  aws_lambda as lambda,
  aws_logs as logs,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** Settings of the REST API. */
export interface RestApiSettings {
  /** Steady-state requests per second of the stage. Default 100. */
  readonly throttlingRateLimit?: number;
  /** Burst of the stage. Default 200. */
  readonly throttlingBurstLimit?: number;
  /**
   * Access logs (one JSON line per request: request id, caller, source IP, time, method, path, status, size) and execution logs at
   * level ERROR, without request or response bodies. API Gateway writes either only once the account has its
   * CloudWatch Logs role for API Gateway (one setting per account and region, shared by every API); false turns
   * both off. Default true.
   */
  readonly logging?: boolean;
}

/** How long the access log is kept, and what happens to it when the stack is deleted. */
export interface AccessLogSettings {
  readonly logRetention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

const JSON_ACCESS_LOG = apigateway.AccessLogFormat.jsonWithStandardFields({
  caller: true,
  httpMethod: true,
  ip: true,
  protocol: true,
  requestTime: true,
  resourcePath: true,
  responseLength: true,
  status: true,
  user: true,
});

function loggingOptions(scope: Construct, logSettings: AccessLogSettings): apigateway.StageOptions {
  const accessLogs = new logs.LogGroup(scope, 'RestApiAccessLogs', {
    retention: logSettings.logRetention,
    removalPolicy: logSettings.removalPolicy,
  });
  return {
    accessLogDestination: new apigateway.LogGroupLogDestination(accessLogs),
    accessLogFormat: JSON_ACCESS_LOG,
    loggingLevel: apigateway.MethodLoggingLevel.ERROR,
    dataTraceEnabled: false,
  };
}

/**
 * The REST API: every route (the root and `{proxy+}`, any method) goes to the API function and requires a request
 * signed with IAM (SigV4). The function's own router answers unknown routes. The stage is throttled, traced with
 * X-Ray and (by default) logged.
 */
export function restApi(
  scope: Construct,
  handler: lambda.IFunction,
  prefix: string,
  settings: RestApiSettings,
  logSettings: AccessLogSettings,
): apigateway.LambdaRestApi {
  return new apigateway.LambdaRestApi(scope, 'RestApi', {
    restApiName: `${prefix}api`,
    handler,
    proxy: true,
    cloudWatchRole: false,
    endpointTypes: [apigateway.EndpointType.REGIONAL],
    defaultMethodOptions: { authorizationType: apigateway.AuthorizationType.IAM },
    deployOptions: {
      stageName: 'v1',
      metricsEnabled: true,
      tracingEnabled: true,
      throttlingRateLimit: settings.throttlingRateLimit ?? 100,
      throttlingBurstLimit: settings.throttlingBurstLimit ?? 200,
      ...(settings.logging === false ? {} : loggingOptions(scope, logSettings)),
    },
  });
}
