/**
 * `eventfold/cdk`: the CDK construct that deploys an eventfold app (tables, streams, queues, functions, the
 * replay state machine, the REST API and alarms). Needs `aws-cdk-lib`, `constructs` and `esbuild`.
 * @example
 * import { Eventfold } from 'eventfold/cdk';
 */
export * from './infrastructure/cdk';
