import { join } from 'node:path';
import { importGraph } from './import-graph';

const root = join(__dirname, '..', '..', '..');
const entry = (file: string) => importGraph(join(root, 'src', file), root);

/** Packages only the CLI, the construct, the emulators or the tests use: no Lambda bundle may reach them. */
const notOnTheLambdaPath = [
  'commander',
  'cli-progress',
  'aws-cdk-lib',
  'constructs',
  'esbuild',
  'acorn',
  '@jridgewell/sourcemap-codec',
  'amplify-dynamodb-simulator',
  'kinesalite',
  'aws-local-stepfunctions',
  'fauxqs',
  'fast-check',
  'ts-node',
];

const sdkPackage = /^@aws-sdk\/|^@smithy\/|^inversify$/;

describe('entry points', () => {
  it('the root entry reaches no AWS SDK, no inversify and no infrastructure module', () => {
    const graph = entry('index.ts');
    expect([...graph.packages].filter((pkg) => sdkPackage.test(pkg))).toEqual([]);
    expect([...graph.files].filter((file) => /^src[\\/](infrastructure|testing|cli)/.test(file))).toEqual([]);
    expect(graph.files.size).toBeGreaterThan(40);
  });

  it('the root and AWS entries reach no CLI, CDK, emulator or test-kit code', () => {
    for (const file of ['index.ts', 'aws.ts']) {
      const graph = entry(file);
      expect({ file, packages: notOnTheLambdaPath.filter((pkg) => graph.packages.has(pkg)) }).toEqual({
        file,
        packages: [],
      });
      const modules = [...graph.files].filter((name) =>
        /^src[\\/](testing|cli|infrastructure[\\/](cdk|local))[\\/]/.test(name),
      );
      expect({ file, modules }).toEqual({ file, modules: [] });
    }
  });

  it('the AWS entry reaches the SDK clients the Lambda path uses', () => {
    const graph = entry('aws.ts');
    for (const pkg of ['@aws-sdk/client-dynamodb', '@aws-sdk/client-kinesis', '@aws-sdk/client-sfn']) {
      expect(graph.packages).toContain(pkg);
    }
  });

  it('the testing entry reaches no AWS SDK (inversify it may: the in-memory app loads the bindings)', () => {
    const graph = entry('testing/index.ts');
    expect([...graph.packages].filter((pkg) => sdkPackage.test(pkg) && pkg !== 'inversify')).toEqual([]);
  });
});
