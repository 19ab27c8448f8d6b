import { isAbsolute, join, resolve } from 'node:path';
import { appOfModule, registeredEventfoldApp } from '../../container/app-registry';
import type { EventfoldApp } from '../../container/eventfold-app';

/** The module `npm start` serves when no other is named: the example domains and their projections. */
export const EXAMPLES_APP_MODULE = join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  'examples',
  'cdk-app',
  'eventfold-app',
);

let bundledAppModule: (() => unknown) | undefined;

/**
 * Used by the bundle `npm start` runs (`scripts/start.js`): the app module is inside the bundle, and `load` runs it.
 * `loadApp` then loads that module whatever path it is given, since the bundle was built for the `--app` asked for.
 */
export function useBundledAppModule(load: () => unknown): void {
  bundledAppModule = load;
}

/** Loads the app a module defines (`export const app = ...` or a `registerEventfoldApp` call). */
export function loadApp(modulePath: string = EXAMPLES_APP_MODULE): EventfoldApp {
  if (bundledAppModule) return appOfModule(bundledAppModule(), modulePath);
  const path = isAbsolute(modulePath) ? modulePath : resolve(process.cwd(), modulePath);
  return registeredEventfoldApp({ EVENTFOLD_APP_MODULE: path });
}
