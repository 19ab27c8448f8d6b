import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ExamplesStack } from '../../../examples/cdk-app/stack';

/** Allow for bundling four functions with esbuild on a busy machine. */
export const SYNTH_TIMEOUT_MS = 180_000;

/** The projections the test deployment declares: one rebuildable (two tables), one not. */
export const testProjections = [
  { name: 'order-documents', rebuildable: true },
  { name: 'account-balances', rebuildable: false },
];

/** The process managers the test deployment declares (by name): one process consumer reads the projection stream. */
export const testProcesses = ['hold-expiry'];

/** The topic the test deployment's alarms notify. */
export const ALARM_TOPIC_ARN = 'arn:aws:sns:eu-west-1:123456789012:eventfold-alarms';

/** Synthesizes the example stack (bundling the real entrypoints), with two projections and an alarm topic. */
export function synthesizeExample(): { template: Template; assemblyDir: string } {
  // Asset metadata names each function's bundle folder, so a test can read what was bundled.
  const app = new App({ context: { 'aws:cdk:enable-asset-metadata': true } });
  const stack = new ExamplesStack(app, 'EventfoldTest', {
    alarmTopicArn: ALARM_TOPIC_ARN,
    eventfold: { projections: testProjections },
  });
  return { template: Template.fromStack(stack), assemblyDir: app.outdir };
}

type Json = Record<string, any>;

/** Resources of one type, by logical id. */
export function resourcesOf(template: Template, type: string): Array<[string, Json]> {
  return Object.entries(template.toJSON().Resources as Record<string, Json>).filter(
    ([, r]) => r.Type === type,
  );
}

/** Logical ids a value refers to (Ref and Fn::GetAtt), however deep. */
export function referencedIds(value: unknown): Set<string> {
  const found = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const object = node as Json;
    if (typeof object.Ref === 'string' && !object.Ref.startsWith('AWS::')) found.add(object.Ref);
    if (Array.isArray(object['Fn::GetAtt'])) found.add(object['Fn::GetAtt'][0]);
    Object.values(object).forEach(walk);
  };
  walk(value);
  return found;
}

/** The one logical id of a resource type whose id contains `part`. */
export function idOf(template: Template, type: string, part: string): string {
  const ids = resourcesOf(template, type)
    .map(([id]) => id)
    .filter((id) => id.includes(part));
  if (ids.length !== 1)
    throw new Error(`expected one ${type} with ${part} in its id, found ${ids.join(', ')}`);
  return ids[0]!;
}

/** Policy statements as arrays (CloudFormation allows single values for Action and Resource). */
export function statementsOf(policy: Json): Array<{ Effect: string; Action: string[]; Resource: unknown[] }> {
  return (policy.Properties.PolicyDocument.Statement as Json[]).map((s) => ({
    Effect: s.Effect,
    Action: [s.Action].flat(),
    Resource: [s.Resource].flat(),
  }));
}
