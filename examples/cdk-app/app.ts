import 'reflect-metadata';
import { App } from 'aws-cdk-lib';
import { addPolicyChecks } from './checks';
import { ExamplesStack } from './stack';

/**
 * Synthesizes the example deployment into `cdk.out/` (offline: no AWS account and no CDK CLI needed), judged by
 * cdk-nag's AwsSolutions and Serverless packs on the way.
 * Deploy it with the CDK CLI: `npx aws-cdk deploy --app "npx ts-node --transpile-only examples/cdk-app/app.ts"`.
 */
const cdkApp = new App({ outdir: process.env.CDK_OUTDIR ?? 'cdk.out' });
new ExamplesStack(cdkApp, process.env.EVENTFOLD_STACK_NAME ?? 'EventfoldExamples', {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  alarmTopicArn: process.env.EVENTFOLD_ALARM_TOPIC_ARN,
});
addPolicyChecks(cdkApp);
cdkApp.synth();
