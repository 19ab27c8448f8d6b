import { defineEventfoldApp, registerEventfoldApp } from 'eventfold/aws';
import { tasksDomain } from './tasks/domain';
import { TaskDocuments } from './tasks/task-documents';

/**
 * The app: its domain and its projections. `npm start` serves it on this machine, and the CDK stack in `infra/`
 * bundles this module with every Lambda function.
 */
export const app = registerEventfoldApp(
  defineEventfoldApp({ domain: tasksDomain, projections: [new TaskDocuments()] }),
);
