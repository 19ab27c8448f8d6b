import fc from 'fast-check';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface CreateIo {
  cwd: string;
  out: (line: string) => void;
  err: (line: string) => void;
  install?: (dir: string) => boolean;
}
// The scaffolder is plain CommonJS (it ships without a build step).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { create } = require('../../../packages/create-eventfold/lib/create') as {
  create: (argv: readonly string[], io: CreateIo) => number;
};

const rootVersion = (
  JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { version: string }
).version;

/** Runs the scaffolder in `cwd` without installing, and keeps what it printed. */
function run(cwd: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const installs: string[] = [];
  const install = (dir: string) => installs.push(dir) > 0;
  const code = create(argv, { cwd, out: (l) => out.push(l), err: (l) => err.push(l), install });
  return { code, out: out.join('\n'), err: err.join('\n'), installs };
}

/** Every file below `dir`, relative to it. */
function filesBelow(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

// Each run writes a project's files: the deadlines leave room for a loaded machine.
describe('npm create eventfold', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'create-eventfold-'));
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));
  let n = 0;
  const fresh = () => join(cwd, `case-${++n}`);

  it('writes the project with its name, its stack name and the eventfold version it belongs to', () => {
    const parent = fresh();
    const { code, out, installs } = run(parent, 'my-tasks');
    expect(code).toBe(0);
    const dir = join(parent, 'my-tasks');
    expect(installs).toEqual([dir]);
    expect(out).toContain('cd my-tasks');
    const files = filesBelow(dir);
    const expected = ['src/app.ts', 'src/app.spec.ts', 'src/tasks/notifications.ts', 'src/tasks/task.ts'];
    for (const file of [...expected, 'src/tasks/task.spec.ts', 'infra/stack.ts']) {
      expect(files).toContain(file);
    }
    expect(files).toContain('.gitignore');
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(pkg.name).toBe('my-tasks');
    expect(pkg.dependencies.eventfold).toBe(`^${rootVersion}`);
    expect(readFileSync(join(dir, 'infra/main.ts'), 'utf8')).toContain("'MyTasks'");
    for (const file of files) expect(readFileSync(join(dir, file), 'utf8')).not.toMatch(/__[A-Z_]+__/);
  });

  it('refuses a directory that is not empty and changes nothing in it', () => {
    const name = fc.stringMatching(/^[.A-Za-z0-9_-]{1,12}$/).filter((s) => s !== '.' && s !== '..');
    fc.assert(
      fc.property(fc.uniqueArray(name, { minLength: 1, maxLength: 4 }), fc.boolean(), (entries, asFolder) => {
        const dir = fresh();
        mkdirSync(dir, { recursive: true });
        for (const entry of entries) {
          if (asFolder) mkdirSync(join(dir, entry));
          else writeFileSync(join(dir, entry), 'mine');
        }
        const before = readdirSync(dir).sort();
        const { code, err, installs } = run(cwd, dir);
        expect(code).toBe(1);
        expect(err).toMatch(/is not empty .* choose a new directory/);
        expect(installs).toEqual([]);
        expect(readdirSync(dir).sort()).toEqual(before);
      }),
      { numRuns: 30 },
    );
  }, 30_000);

  it('accepts an existing empty directory', () => {
    const dir = fresh();
    mkdirSync(dir);
    expect(run(cwd, dir, '--no-install').code).toBe(0);
    expect(existsSync(join(dir, 'src/app.ts'))).toBe(true);
  });

  it('takes any name npm accepts and refuses every other, writing nothing then', () => {
    const valid = /^[a-z0-9][a-z0-9._-]*$/;
    const anyName = fc.oneof(
      fc.string({ minLength: 1, maxLength: 30 }),
      fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,20}$/),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }),
    );
    const name = anyName.filter(
      (s) => !s.includes('/') && !s.includes('\0') && s.trim() === s && !/^\.+$/.test(s),
    );
    fc.assert(
      fc.property(name, (projectName) => {
        const parent = fresh();
        const { code, err } = run(parent, projectName, '--no-install');
        if (valid.test(projectName)) {
          expect(code).toBe(0);
          const pkg = JSON.parse(readFileSync(join(parent, projectName, 'package.json'), 'utf8'));
          expect(pkg.name).toBe(projectName);
          const stack = /new AppStack\(cdkApp, process\.env\.STACK_NAME \?\? '([^']*)'/.exec(
            readFileSync(join(parent, projectName, 'infra/main.ts'), 'utf8'),
          );
          expect(stack?.[1]).toMatch(/^[A-Za-z][A-Za-z0-9]*$/);
        } else {
          // A leading dash reads as an option: the usage answers it (exit 2), a name npm refuses exit 1.
          const option = projectName.startsWith('-');
          expect({ code, err }).toEqual({
            code: option ? 2 : 1,
            err: expect.stringContaining(option ? 'usage:' : 'is not an npm package name'),
          });
          expect(existsSync(parent)).toBe(false);
        }
      }),
      { numRuns: 100 },
    );
  }, 30_000);

  it('answers a missing or doubled directory and an unknown option with the usage, exit 2', () => {
    for (const argv of [[], ['a', 'b'], ['a', '--frobnicate']]) {
      const { code, err } = run(cwd, ...argv);
      expect(code).toBe(2);
      expect(err).toContain('usage: npm create eventfold <project-dir>');
    }
    expect(run(cwd, '--help')).toMatchObject({ code: 0, out: expect.stringContaining('usage:') });
  });

  it('depends on a tarball or folder by its absolute path, and on a version range as given', () => {
    const cases: Array<[string, (parent: string) => string]> = [
      ['../packs/eventfold-1.2.3.tgz', (parent) => `file:${join(parent, '../packs/eventfold-1.2.3.tgz')}`],
      ['/opt/eventfold', () => 'file:/opt/eventfold'],
      ['~2.0.0', () => '~2.0.0'],
    ];
    for (const [spec, expected] of cases) {
      const parent = fresh();
      mkdirSync(parent);
      expect(run(parent, 'app', '--no-install', '--eventfold', spec).code).toBe(0);
      const pkg = JSON.parse(readFileSync(join(parent, 'app', 'package.json'), 'utf8'));
      expect(pkg.dependencies.eventfold).toBe(expected(parent));
    }
  });
});
