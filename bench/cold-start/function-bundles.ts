import { statSync } from 'node:fs';
import { join } from 'node:path';
import { bundleForNode } from '../lib/bundle';

const ROOT = join(__dirname, '..', '..');

/** One bundle of the cold-start suite: a function of the construct or the baseline, and the event it gets. */
export interface ColdStartSubject {
  readonly name: string;
  readonly entry: string;
  readonly inject: readonly string[];
  /** The one event the function is invoked with: it reaches the role's dependencies but no AWS endpoint. */
  readonly event: unknown;
  /** The name of the error that invocation raises, if any: any other outcome fails the run. */
  readonly expectedError?: string;
}

const lambdaEntry = (name: string) => join(ROOT, 'src', 'infrastructure', 'lambda', `${name}.ts`);
/** The example deployment's app module, imported ahead of the entry as the construct imports `appModule`. */
const exampleApp = join(ROOT, 'examples', 'cdk-app', 'eventfold-app.ts');

const httpEvent = {
  httpMethod: 'GET',
  path: '/cold-start-probe',
  headers: {},
  queryStringParameters: null,
  pathParameters: null,
  body: null,
  isBase64Encoded: false,
};

/**
 * The four functions of the construct, each from its own entry, with the example app imported ahead of it where the
 * construct imports it (not into the forwarder and the replay iterator, which run none of its code).
 */
export const FUNCTION_SUBJECTS: readonly ColdStartSubject[] = [
  { name: 'http-api', entry: lambdaEntry('http-api'), inject: [exampleApp], event: httpEvent },
  {
    name: 'stream-forwarder',
    entry: lambdaEntry('stream-forwarder'),
    inject: [],
    event: { Records: [] },
  },
  {
    name: 'projection-consumer',
    entry: lambdaEntry('projection-consumer'),
    inject: [exampleApp],
    event: { Records: [] },
  },
  // An input of no replay: the iterator resolves its dependencies, then refuses it before any request.
  {
    name: 'replay-iterator',
    entry: lambdaEntry('replay-iterator'),
    inject: [],
    event: {},
    expectedError: 'ValidationError',
  },
];

/** The baseline: only the DynamoDB and Kinesis clients. */
export const BASELINE_SUBJECT: ColdStartSubject = {
  name: 'baseline (DynamoDB + Kinesis clients)',
  entry: join(__dirname, 'baseline-entry.ts'),
  inject: [],
  event: {},
};

/**
 * The floor: the baseline's clients and the libraries eventfold's functions are built on (inversify,
 * reflect-metadata, Powertools' logger and metrics, class-validator, class-transformer), each used once, without
 * eventfold. How far above the baseline any function on those libraries starts.
 */
export const FLOOR_SUBJECT: ColdStartSubject = {
  name: 'floor (baseline + inversify, Powertools, class-validator)',
  entry: join(__dirname, 'floor-entry.ts'),
  inject: [],
  event: {},
};

/** The bundles measured for reference, with no target of their own. */
export const isReference = (name: string) => name === BASELINE_SUBJECT.name || name === FLOOR_SUBJECT.name;

/** A built bundle and its size. */
export interface BuiltBundle {
  readonly subject: ColdStartSubject;
  readonly file: string;
  readonly bytes: number;
}

/**
 * Builds a subject's bundle as the construct builds it (into `dir` when given) and returns its file and size in
 * bytes.
 */
export function buildBundle(subject: ColdStartSubject, dir?: string): BuiltBundle {
  const slug = subject.name.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  const file = bundleForNode(subject.entry, `cold-start-${slug}`, { inject: subject.inject, dir });
  return { subject, file, bytes: statSync(file).size };
}
