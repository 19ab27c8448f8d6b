import { aws_apigateway as apigateway, aws_lambda as lambda } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** Settings of the REST API. */
export interface RestApiSettings {
  /** Steady-state requests per second of the stage. Default 100. */
  readonly throttlingRateLimit?: number;
  /** Burst of the stage. Default 200. */
  readonly throttlingBurstLimit?: number;
}

/**
 * The REST API: every route (the root and `{proxy+}`, any method) goes to the API function and requires a request
 * signed with IAM (SigV4). The function's own router answers unknown routes.
 */
export function restApi(
  scope: Construct,
  handler: lambda.IFunction,
  prefix: string,
  settings: RestApiSettings,
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
      throttlingRateLimit: settings.throttlingRateLimit ?? 100,
      throttlingBurstLimit: settings.throttlingBurstLimit ?? 200,
    },
  });
}
