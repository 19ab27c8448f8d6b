import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  AssetStaging,
  Duration,
  RemovalPolicy,
  aws_iam as iam,
  aws_lambda as lambda,
  aws_lambda_nodejs as nodejs,
  aws_logs as logs,
  aws_sqs as sqs,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { bundleFileIn, rewriteBundleCommand } from './ascii-regexps-file';
import { bundleEntry, bundleEntryDirIn, projectRootOf } from './bundle-entry';
import { BUNDLE_MAIN_FIELDS } from './bundle-fields';

/** The Lambda entrypoints of eventfold. */
export type EntrypointName =
  | 'http-api'
  | 'stream-forwarder'
  | 'projection-consumer'
  | 'replay-iterator'
  | 'timer-fired'
  | 'process-consumer';

/** Where the framework's own entrypoint of a function lives (TypeScript in the repository, JavaScript once built). */
export function defaultEntry(name: EntrypointName): string {
  const base = join(__dirname, '..', 'lambda', name);
  const found = ['.ts', '.js'].map((ext) => base + ext).find((file) => existsSync(file));
  if (!found) throw new Error(`eventfold: no Lambda entrypoint ${base}.ts or .js`);
  return found;
}

/** How the functions are bundled; every field is optional. */
export interface BundlingSettings {
  /** The folder holding package.json and the lock file; found from the working directory when absent. */
  readonly projectRoot?: string;
  /** The lock file; found from the project root when absent. */
  readonly depsLockFilePath?: string;
  /** Minify the bundles (class names are kept either way). Default true. */
  readonly minify?: boolean;
  /**
   * Ship source maps and run with `--enable-source-maps`, so stack traces name the TypeScript source. Default
   * false: a map is about 3x the bundle, and Node reading it costs cold-start CPU and memory on every start.
   */
  readonly sourceMaps?: boolean;
}

/** One function to create. */
export interface FunctionSpec {
  readonly id: string;
  /** A fixed physical name, for a function whose ARN others must know without a reference to it. */
  readonly functionName?: string;
  readonly entry: string;
  readonly description: string;
  readonly environment: Record<string, string>;
  readonly timeout: Duration;
  readonly memorySize: number;
  readonly bundling: BundlingSettings;
  /** Modules run ahead of the entry (the one that registers the app), imported first by the bundled entry. */
  readonly inject: readonly string[];
  readonly logRetention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  /** Where Lambda puts an asynchronous invocation that failed every retry. */
  readonly deadLetterQueue: sqs.IQueue;
}

/**
 * A Node.js 24 function bundled with the local esbuild (never in Docker), with its own role and log group, active
 * X-Ray tracing and a dead-letter queue. The role starts empty: it may write its own logs, send to its dead-letter
 * queue and send traces, and nothing else until the construct adds statements.
 */
export function eventfoldFunction(scope: Construct, spec: FunctionSpec): nodejs.NodejsFunction {
  const logGroup = new logs.LogGroup(scope, `${spec.id}Logs`, {
    retention: spec.logRetention,
    removalPolicy: spec.removalPolicy,
  });
  const role = new iam.Role(scope, `${spec.id}Role`, {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: `eventfold ${spec.description}`,
  });
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [logGroup.logGroupArn],
    }),
  );
  const entry = bundleEntry(spec.entry, spec.inject, bundleEntryDirIn(projectRootOf(spec.bundling)));
  return new nodejs.NodejsFunction(scope, spec.id, {
    functionName: spec.functionName,
    entry,
    handler: 'handler',
    runtime: lambda.Runtime.NODEJS_24_X,
    architecture: lambda.Architecture.ARM_64,
    description: `eventfold ${spec.description}`,
    timeout: spec.timeout,
    memorySize: spec.memorySize,
    role,
    logGroup,
    tracing: lambda.Tracing.ACTIVE,
    deadLetterQueue: spec.deadLetterQueue,
    environment: {
      ...(spec.bundling.sourceMaps ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
      ...spec.environment,
    },
    projectRoot: spec.bundling.projectRoot,
    depsLockFilePath: spec.bundling.depsLockFilePath,
    bundling: {
      forceDockerBundling: false,
      target: 'node24',
      format: nodejs.OutputFormat.CJS,
      minify: spec.bundling.minify ?? true,
      keepNames: true,
      sourceMap: spec.bundling.sourceMaps ?? false,
      mainFields: [...BUNDLE_MAIN_FIELDS],
      // The SDK is bundled too, so the functions run the versions the tests ran, not the runtime's.
      externalModules: [],
      // esbuild leaves non-ASCII characters in regular expression literals, which makes V8 hold the whole
      // bundle's source as two-byte text (about 1.5 MiB more heap): see `rewriteNonAsciiRegExps`. Skipped in
      // the Docker bundling CDK falls back to without a local esbuild: the command names this machine's files.
      commandHooks: {
        beforeBundling: () => [],
        beforeInstall: () => [],
        afterBundling: (_inputDir, outputDir) =>
          outputDir === AssetStaging.BUNDLING_OUTPUT_DIR
            ? []
            : [rewriteBundleCommand(bundleFileIn(outputDir))],
      },
    },
  });
}
