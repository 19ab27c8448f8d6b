import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The launcher `npm start` runs (plain JavaScript: it must run before anything is compiled). */
interface StartScript {
  appArgument(argv: readonly string[]): string | undefined;
  runtimeBundle(app: string, cacheRoot: string): { file: string; built: boolean };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const start = require('../../../scripts/start.js') as StartScript;

const root = join(__dirname, '..', '..', '..');

/** An app module outside the repository, importing eventfold's source as an app in this repository would. */
const appSource = (name: string) => `
import { bankDomain } from ${JSON.stringify(join(root, 'examples', 'bank'))};
import { defineEventfoldApp } from ${JSON.stringify(join(root, 'src', 'infrastructure', 'container'))};
export const app = defineEventfoldApp({ domain: bankDomain, projections: [] });
export const name = ${JSON.stringify(name)};
`;

// esbuild bundles the runtime's TypeScript (about a second); nothing runs it here.
jest.setTimeout(60_000);

describe('the bundle npm start runs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eventfold-start-'));
  const cache = join(dir, 'cache');
  const app = join(dir, 'app.ts');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads --app as commander does', () => {
    expect(start.appArgument(['--port', '3000', '--app', 'src/app.ts'])).toBe('src/app.ts');
    expect(start.appArgument(['--app=src/app.ts', '--in-memory'])).toBe('src/app.ts');
    expect(start.appArgument(['--data-dir', 'x'])).toBeUndefined();
  });

  it('is built once, reused while no source file changed, built again when one did', () => {
    writeFileSync(app, appSource('first'));
    const first = start.runtimeBundle(app, cache);
    expect(first.built).toBe(true);
    const source = readFileSync(first.file, 'utf8');
    // The runtime, the app and eventfold's source are in it; packages are loaded from node_modules.
    expect(source).toContain('"first"');
    expect(source).toContain('useBundledAppModule');
    expect(source).toMatch(/require\("@aws-sdk\/client-dynamodb"\)/);
    expect(source).not.toMatch(/require\("(typescript|ts-node[^"]*)"\)/);

    writeFileSync(app, appSource('first'));
    expect(start.runtimeBundle(app, cache)).toEqual({ file: first.file, built: false });

    writeFileSync(app, appSource('second'));
    const again = start.runtimeBundle(app, cache);
    expect(again).toEqual({ file: first.file, built: true });
    expect(readFileSync(again.file, 'utf8')).toContain('"second"');
  });
});
