import { ContainerModule } from 'inversify';
import { defineEventfoldApp, registerEventfoldApp } from 'eventfold/aws';
import { tasksDomain } from './tasks/domain';
import { CompletionNotices, LogNotifier, Notifier } from './tasks/notifications';
import { TaskDocuments } from './tasks/task-documents';

/** The app's own services: the container injects them into projections and command handlers (`ctx.services`). */
export const appBindings = new ContainerModule(({ bind }) => {
  bind(Notifier).to(LogNotifier).inSingletonScope();
});

/**
 * The app: its domain, its projections (classes the container builds) and its services. `npm start` serves it on
 * this machine, and the CDK stack in `infra/` bundles this module with every Lambda function.
 */
export const app = registerEventfoldApp(
  defineEventfoldApp({
    domain: tasksDomain,
    projections: [TaskDocuments, CompletionNotices],
    bindings: appBindings,
  }),
);
