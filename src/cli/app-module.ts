import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { ConfigurationError } from '../domain/domain-errors';

/** Where `eventfold start` looks for the app module when `--app` is absent, in this order. */
export const APP_MODULE_CONVENTION = ['src/app.ts', 'src/app.js'] as const;

const TYPESCRIPT = new Set(['.ts', '.cts', '.mts']);

/** The file a module path names: as given, or with `.ts` or `.js` appended. */
function moduleFile(path: string): string | undefined {
  return [path, `${path}.ts`, `${path}.js`].find((candidate) => existsSync(candidate));
}

/**
 * The app module `eventfold start` serves: `--app` when given (relative to `cwd`), else the first file of
 * {@link APP_MODULE_CONVENTION} in `cwd`. Throws a `ConfigurationError` naming what it looked for.
 */
export function findAppModule(cwd: string, app?: string): string {
  if (app !== undefined) {
    const file = moduleFile(resolve(cwd, app));
    if (!file) throw new ConfigurationError(`no app module at ${app} (looked in ${cwd})`, { app, cwd });
    return file;
  }
  const found = APP_MODULE_CONVENTION.map((candidate) => join(cwd, candidate)).find(existsSync);
  if (!found) {
    throw new ConfigurationError(
      `no app module in ${cwd}: eventfold start looks for ${APP_MODULE_CONVENTION.join(' or ')} ` +
        '(export const app = defineEventfoldApp(...)), or takes --app <module>',
      { cwd, looked: [...APP_MODULE_CONVENTION] },
    );
  }
  return found;
}

/** The ts-node that compiles the project's TypeScript, found from the project (`ts-node` as it exports it). */
interface TsNode {
  register(options: { transpileOnly: boolean; projectSearchDir: string }): unknown;
}

/**
 * Lets `require` load the app module when it is TypeScript: registers the project's own ts-node (transpile only,
 * with the tsconfig nearest the module) unless a loader for `.ts` is there already. A project without ts-node gets a
 * `ConfigurationError` that says what to install.
 */
export function ensureTypeScriptLoader(file: string, cwd: string): void {
  if (!TYPESCRIPT.has(extname(file)) || require.extensions['.ts']) return;
  const projectRequire = createRequire(join(dirname(file), 'noop.js'));
  let tsNode: TsNode;
  try {
    tsNode = projectRequire('ts-node') as TsNode;
  } catch {
    throw new ConfigurationError(
      `${relative(cwd, file)} is TypeScript and ts-node is not installed: npm install --save-dev ts-node typescript ` +
        '(or build the app and pass --app with its .js module)',
      { app: file, missing: 'ts-node' },
    );
  }
  tsNode.register({ transpileOnly: true, projectSearchDir: dirname(file) });
}
