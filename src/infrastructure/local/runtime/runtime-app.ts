import { isAbsolute, join, resolve } from 'node:path';
import { registeredEventfoldApp } from '../../container/app-registry';
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

/** Loads the app a module defines (`export const app = ...` or a `registerEventfoldApp` call). */
export function loadApp(modulePath: string = EXAMPLES_APP_MODULE): EventfoldApp {
  const path = isAbsolute(modulePath) ? modulePath : resolve(process.cwd(), modulePath);
  return registeredEventfoldApp({ EVENTFOLD_APP_MODULE: path });
}
