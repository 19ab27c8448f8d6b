import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from '../../src/infrastructure/local/free-port';
import { addSqlReadModel } from './support/consumer-sql';
import { type Running, start, stopGroup, succeed } from './support/user-shell';

/**
 * eventfold as its users get it: pack the framework and the scaffolder, make a project outside the repository from
 * the two tarballs (only the npm registry reachable, its cache reused), and do what the project's README says:
 * `npm test` (a strict type-check without skipLibCheck, then the specs), `npm start` with one command driven to the
 * read model through `npx eventfold`, and `npm run synth`. The project also gets what a user adds for a SQL read
 * model (PGlite as the optional peer, a SQL projection with a named query, a typed-client search). Any import,
 * install or command a user would see fail fails here.
 */
const repo = join(__dirname, '..', '..');
const MINUTE = 60_000;

interface Packed {
  readonly filename: string;
  readonly size: number;
  readonly unpackedSize: number;
  readonly entryCount: number;
}

async function pack(dir: string, destination: string): Promise<Packed> {
  const { stdout } = await succeed(
    dir,
    'npm',
    ['pack', '--json', '--pack-destination', destination],
    4 * MINUTE,
  );
  const [packed] = JSON.parse(stdout.slice(stdout.indexOf('[\n'))) as Packed[];
  return { ...packed!, filename: join(destination, packed!.filename) };
}

describe('a project made by npm create eventfold from the packed tarballs', () => {
  const began = Date.now();
  const work = mkdtempSync(join(tmpdir(), 'eventfold-consumer-'));
  const project = join(work, 'consumer-app');
  const steps: string[] = [];
  const step = (what: string, ms: number) => steps.push(`${what} ${(ms / 1000).toFixed(1)} s`);
  let runtime: Running | undefined;

  afterAll(() => {
    if (runtime) stopGroup(runtime);
    console.log(`consumer test: ${steps.join(', ')}; total ${((Date.now() - began) / 1000).toFixed(0)} s`);
    // Deleting the project's 50,000 installed files takes a loaded disk a minute or two: it goes on after the test.
    spawn('rm', ['-rf', work], { detached: true, stdio: 'ignore' }).unref();
  });

  it(
    'packs eventfold and create-eventfold, and scaffolds and installs a project from them',
    async () => {
      const framework = await pack(repo, work);
      const scaffolder = await pack(join(repo, 'packages', 'create-eventfold'), work);
      step('pack', Date.now() - began);
      console.log(
        [framework, scaffolder]
          .map(
            (p) => `${p.filename}: ${p.size} B packed, ${p.unpackedSize} B unpacked, ${p.entryCount} files`,
          )
          .join('\n'),
      );
      const created = await succeed(
        work,
        'npm',
        [
          'exec',
          '--yes',
          `--package=${scaffolder.filename}`,
          '--',
          'create-eventfold',
          'consumer-app',
        ].concat(['--eventfold', framework.filename]),
        6 * MINUTE,
      );
      step('create + install', created.ms);
      expect(created.output).toContain('npm start');
      const manifest = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
      expect(manifest.dependencies.eventfold).toBe(`file:${framework.filename}`);
    },
    10 * MINUTE,
  );

  it(
    'adds a SQL read model as a user would: PGlite installed, a SQL projection with a named query',
    async () => {
      const range = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).peerDependencies[
        '@electric-sql/pglite'
      ] as string;
      const installed = await succeed(
        project,
        'npm',
        ['install', '--no-audit', '--no-fund', `@electric-sql/pglite@${range}`],
        4 * MINUTE,
      );
      step('npm install @electric-sql/pglite', installed.ms);
      addSqlReadModel(project);
    },
    5 * MINUTE,
  );

  it(
    'type-checks strictly, without skipLibCheck, and passes its specs (npm test)',
    async () => {
      const tsconfig = JSON.parse(readFileSync(join(project, 'tsconfig.json'), 'utf8'));
      expect(tsconfig.compilerOptions).toMatchObject({ strict: true });
      expect(tsconfig.compilerOptions.skipLibCheck).toBeUndefined();
      const tested = await succeed(project, 'npm', ['test'], 6 * MINUTE);
      step('npm test', tested.ms);
      expect(tested.output).toMatch(/Tests:\s+\d+ passed, \d+ total/);
    },
    7 * MINUTE,
  );

  it(
    'runs on the local runtime (npm start), where npx eventfold drives a command to the read model',
    async () => {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const startedAt = Date.now();
      runtime = start(project, 'npm', ['start', '--', '--port', String(port)]);
      const running = runtime;
      await waitFor(
        async () => running.output().includes('ready in') || running.child.exitCode !== null,
        'npm start to be ready',
        3 * MINUTE,
      );
      if (!running.output().includes('ready in')) throw new Error(`npm start failed:\n${running.output()}`);
      step('npm start', Date.now() - startedAt);
      expect(running.output()).toContain('AddTask, CompleteTask');
      const cli = (...args: string[]) =>
        succeed(project, 'npx', ['eventfold', '--url', url, ...args], MINUTE);
      await cli('command', 'AddTask', '--data', JSON.stringify({ taskId: 't1', title: 'Ship it' }));
      await cli('command', 'CompleteTask', '--data', JSON.stringify({ taskId: 't1' }));
      await waitFor(
        async () => {
          const response = await fetch(`${url}/projections/tasks/documents/Task%23t1`);
          return response.ok && ((await response.json()) as { done?: boolean }).done === true;
        },
        'the tasks projection to show t1 done',
        MINUTE,
      );
      const read = await cli('document', 'tasks', 'Task#t1');
      expect(JSON.parse(read.output)).toMatchObject({ taskId: 't1', title: 'Ship it', done: true });
      await cli('command', 'AddTask', '--data', JSON.stringify({ taskId: 't2', title: 'Ship the docs' }));
      const search = `${url}/projections/task-search/queries/byTitle`;
      await waitFor(
        async () => {
          const response = await fetch(`${search}?title=SHIP`);
          const rows = response.ok ? ((await response.json()) as { rows: unknown[] }).rows : [];
          return rows.length === 2;
        },
        'the SQL projection to hold both tasks',
        MINUTE,
      );
      const typed = await succeed(
        project,
        'npx',
        ['ts-node', '--transpile-only', 'src/tasks/search-tasks.ts', url, 'ship'],
        MINUTE,
      );
      expect(JSON.parse(typed.stdout)).toEqual([
        { task_id: 't1', title: 'Ship it', done: true },
        { task_id: 't2', title: 'Ship the docs', done: false },
      ]);
      const bad = await fetch(`${search}?title=${'x'.repeat(101)}`);
      expect([bad.status, ((await bad.json()) as { code: string }).code]).toEqual([400, 'VALIDATION_FAILED']);
      stopGroup(running, 'SIGINT');
      const stopped = await running.exited;
      expect(stopped.output).toContain('stopped.');
      step('npm start to read model and stop', Date.now() - startedAt);
    },
    6 * MINUTE,
  );

  it(
    'synthesizes its stack offline (npm run synth)',
    async () => {
      const synth = await succeed(project, 'npm', ['run', 'synth'], 5 * MINUTE);
      step('npm run synth', synth.ms);
      const template = JSON.parse(
        readFileSync(join(project, 'cdk.out', 'ConsumerApp.template.json'), 'utf8'),
      ) as {
        Resources: Record<string, { Type: string }>;
      };
      const types = Object.values(template.Resources).map((r) => r.Type);
      expect(types.filter((t) => t === 'AWS::Lambda::Function').length).toBeGreaterThanOrEqual(4);
      expect(types.filter((t) => t === 'AWS::RDS::DBCluster')).toHaveLength(1);
    },
    6 * MINUTE,
  );
});
