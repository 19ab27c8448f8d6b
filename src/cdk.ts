/**
 * `eventfold/cdk`: the CDK construct that deploys an eventfold app (tables, streams, queues, functions, the
 * replay state machine, the REST API and alarms). Needs `aws-cdk-lib`, `constructs`, `esbuild`, `acorn` and
 * `@jridgewell/sourcemap-codec` (optional peer dependencies); a missing one is a `ConfigurationError` saying what
 * to install, raised before any of them is loaded.
 * @example
 * import { Eventfold } from 'eventfold/cdk';
 */
import { assertCdkPeers } from './infrastructure/cdk/peers';

assertCdkPeers();

export * from './infrastructure/cdk';
