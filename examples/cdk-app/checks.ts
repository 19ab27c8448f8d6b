import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, type NagPack, ServerlessChecks } from 'cdk-nag';

/**
 * Judges the whole app with cdk-nag's AwsSolutions and Serverless packs when it is synthesized: an error or a
 * warning that the construct does not acknowledge (on its resource, with its reason) fails the synth.
 * @example
 * const app = new App();
 * addPolicyChecks(app);
 */
export function addPolicyChecks(app: App): NagPack[] {
  const packs = [new AwsSolutionsChecks(app), new ServerlessChecks(app)];
  Validations.of(app).addPlugins(...packs);
  return packs;
}
