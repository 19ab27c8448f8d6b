import 'reflect-metadata';
import { App } from 'aws-cdk-lib';
import { AppStack } from './stack';

/**
 * The CDK app: `npm run synth` writes the CloudFormation template to `cdk.out/` (offline: no AWS account needed);
 * `npx aws-cdk deploy` deploys it with your AWS credentials.
 */
const cdkApp = new App({ outdir: process.env.CDK_OUTDIR ?? 'cdk.out' });
new AppStack(cdkApp, process.env.STACK_NAME ?? '__STACK_NAME__', {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
cdkApp.synth();
