import { defineEventfoldApp, registerEventfoldApp } from '../../src/infrastructure/container';
import { allExampleProjections, examplesDomain } from '..';

/**
 * The app every function of the example deployment serves: the three example domains and their projections.
 * The construct bundles this module ahead of each entrypoint, so the registration runs at cold start.
 */
export const app = registerEventfoldApp(
  defineEventfoldApp({ domain: examplesDomain, projections: allExampleProjections }),
);
