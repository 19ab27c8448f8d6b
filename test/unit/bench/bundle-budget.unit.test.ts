import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FUNCTION_SUBJECTS, buildBundle } from '../../../bench/cold-start/function-bundles';
import { COLD_START_TARGETS } from '../../../bench/cold-start/cold-start-suite';

const budget = JSON.parse(
  readFileSync(join(__dirname, '..', '..', '..', 'bench', 'bundle-budget.json'), 'utf8'),
) as { kib: Record<string, number> };

/** The AWS clients each function's role uses: a bundle holding any other client class fails. */
const CLIENTS_OF: Record<string, readonly string[]> = {
  'http-api': ['DynamoDBClient', 'KinesisClient', 'SFNClient', 'SQSClient'],
  'stream-forwarder': ['KinesisClient'],
  'projection-consumer': ['DynamoDBClient', 'SQSClient'],
  'replay-iterator': ['DynamoDBClient', 'KinesisClient'],
};
const ALL_CLIENTS = CLIENTS_OF['http-api']!;
/** The functions that run none of the app's code: their containers are not inversify's. */
const APP_FREE = ['stream-forwarder', 'replay-iterator'];

/** The classes of `names` a minified bundle defines (esbuild's kept names: `static{n(this,"SQSClient")}`). */
const classesIn = (source: string, names: readonly string[]) =>
  names.filter((c) => source.includes(`(this,"${c}")`));
const clientClassesIn = (source: string) => classesIn(source, ALL_CLIENTS);

/**
 * Classes of the write side, the replays and the API's readers that the projection consumer never builds: its
 * container leaves their bindings out, so its bundle must leave their code out.
 */
const NOT_IN_CONSUMER = [
  'CommandBus',
  'AggregateRepository',
  'DynamoDbSnapshotStore',
  'DynamoDbReplayStatusStore',
  'ForgetService',
  'DynamoDbReadModelReader',
  'SqlReadModelReader',
  'SqlQueryRunner',
];

// Bundling only, no I/O beyond esbuild's output files: about a second per function.
jest.setTimeout(60_000);

describe('function bundles', () => {
  // A directory of this run's own: other checkouts share node_modules and its cache.
  const dir = mkdtempSync(join(tmpdir(), 'eventfold-bundles-'));
  const built = FUNCTION_SUBJECTS.map((subject) => buildBundle(subject, dir));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(built.map((b) => [b.subject.name, b] as const))(
    '%s stays within its size budget and the 900 KB target',
    (name, bundle) => {
      const kib = bundle.bytes / 1024;
      const allowed = budget.kib[name];
      expect(allowed).toBeDefined();
      expect(allowed!).toBeLessThanOrEqual(COLD_START_TARGETS.bundleKb);
      expect({ name, kib: Math.round(kib), overBudget: kib > allowed! }).toEqual({
        name,
        kib: Math.round(kib),
        overBudget: false,
      });
    },
  );

  it.each(built.map((b) => [b.subject.name, b] as const))(
    '%s leaves out the SDK parts it never calls (no aggregated DynamoDB client with every command)',
    (name, bundle) => {
      expect({ name, aggregated: readFileSync(bundle.file, 'utf8').includes('(this,"DynamoDB")') }).toEqual({
        name,
        aggregated: false,
      });
    },
  );

  it.each(built.filter((b) => APP_FREE.includes(b.subject.name)).map((b) => [b.subject.name, b] as const))(
    '%s runs none of the app and leaves inversify out',
    (name, bundle) => {
      expect({ name, inversify: readFileSync(bundle.file, 'utf8').includes('inversify') }).toEqual({
        name,
        inversify: false,
      });
    },
  );

  it('the projection consumer leaves out the write side, the replays and the readers it never resolves', () => {
    const consumer = built.find((b) => b.subject.name === 'projection-consumer')!;
    expect(classesIn(readFileSync(consumer.file, 'utf8'), NOT_IN_CONSUMER)).toEqual([]);
  });

  it.each(built.map((b) => [b.subject.name, b] as const))(
    '%s holds only the AWS clients of its role',
    (name, bundle) => {
      expect(clientClassesIn(readFileSync(bundle.file, 'utf8'))).toEqual(CLIENTS_OF[name]);
    },
  );
});
