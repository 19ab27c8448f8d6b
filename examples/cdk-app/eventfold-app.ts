import { defineEventfoldApp, registerEventfoldApp } from '../../src/infrastructure/container';
import { allExampleProjections, exampleBindings, examplesDomain } from '..';

/**
 * The app every function of the example deployment serves: the three example domains, their projections and
 * their services.
 * The construct bundles this module ahead of each entrypoint, so the registration runs at cold start.
 */
export const app = registerEventfoldApp(
  defineEventfoldApp({
    domain: examplesDomain,
    projections: allExampleProjections,
    bindings: exampleBindings,
  }),
);
