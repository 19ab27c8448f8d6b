import { isAbsolute, resolve as resolvePath } from 'node:path';
import { ConfigurationError } from '../../domain/domain-errors';
import type { EventfoldApp } from './eventfold-app';

let registered: EventfoldApp | undefined;

/**
 * Registers the application the Lambda entrypoints serve. Call it in the module that defines the app; the CDK
 * construct bundles that module with every entrypoint, so the app is registered before the first invocation.
 * @example
 * export const app = registerEventfoldApp(defineEventfoldApp({ domain, projections }));
 */
export function registerEventfoldApp(app: EventfoldApp): EventfoldApp {
  registered = app;
  return app;
}

/**
 * The app of a loaded app module: the registered one (the module called `registerEventfoldApp`), else the module's
 * `app` or default export. Throws a `ConfigurationError` naming `path` when there is none.
 */
export function appOfModule(loaded: unknown, path: string): EventfoldApp {
  const exported = (loaded ?? {}) as { app?: EventfoldApp; default?: EventfoldApp };
  const app = registered ?? exported.app ?? exported.default;
  if (!app)
    throw new ConfigurationError(
      `module ${path} exports no app (export const app = defineEventfoldApp(...))`,
    );
  return app;
}

function fromModule(path: string): EventfoldApp {
  const base = process.env.LAMBDA_TASK_ROOT ?? process.cwd();
  // The module is named by configuration at cold start; a bundle registers the app instead.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return appOfModule(require(isAbsolute(path) ? path : resolvePath(base, path)), path);
}

/** The registered application, or the one the module in `EVENTFOLD_APP_MODULE` exports. */
export function registeredEventfoldApp(env: NodeJS.ProcessEnv = process.env): EventfoldApp {
  if (registered) return registered;
  const path = env.EVENTFOLD_APP_MODULE;
  if (!path) {
    throw new ConfigurationError(
      'no eventfold app: call registerEventfoldApp(app) or set EVENTFOLD_APP_MODULE',
    );
  }
  return fromModule(path);
}
