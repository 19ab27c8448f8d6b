import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ExamplesStack } from '../../../examples/cdk-app/stack';
import { idOf, referencedIds, resourcesOf, testProjections } from './synth';

/** The example stack with personal data, bundling skipped (the template is what is checked). */
function synth(personalData: boolean): Template {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new ExamplesStack(app, 'EventfoldKeys', {
    eventfold: { projections: testProjections, personalData },
  });
  return Template.fromStack(stack);
}

type Json = Record<string, any>;
const keysTableName = 'eventfold-keys';

/** Every statement of the role policies attached to a function's role, by role id part. */
function roleStatements(template: Template, rolePart: string): Json[] {
  const role = idOf(template, 'AWS::IAM::Role', rolePart);
  return resourcesOf(template, 'AWS::IAM::Policy')
    .filter(([, policy]) => referencedIds(policy.Properties.Roles).has(role))
    .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as Json[]);
}

describe('the construct with personal data', () => {
  const template = synth(true);
  const tableId = idOf(template, 'AWS::DynamoDB::Table', 'KeysTable');
  const keysTable = template.toJSON().Resources[tableId] as Json;
  const onKeys = (statements: Json[]) =>
    statements.filter((s) => referencedIds(s.Resource).has(tableId)).flatMap((s) => [s.Action].flat());

  it('creates the keys table with point-in-time recovery, kept on stack deletion', () => {
    expect(keysTable.Properties).toMatchObject({
      TableName: keysTableName,
      KeySchema: [{ AttributeName: 'subject', KeyType: 'HASH' }],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
    });
    expect(keysTable.DeletionPolicy).toBe('Retain');
  });

  it('lets only the API destroy keys (a tombstone update), and no one delete or batch-write them', () => {
    expect(onKeys(roleStatements(template, 'ApiFunction')).sort()).toEqual([
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
    ]);
    expect(onKeys(roleStatements(template, 'ProjectionConsumerFunction')).sort()).toEqual([
      'dynamodb:GetItem',
      'dynamodb:PutItem',
    ]);
    expect(onKeys(roleStatements(template, 'ReplayIteratorFunction'))).toEqual([]);
    expect(onKeys(roleStatements(template, 'ForwarderFunction'))).toEqual([]);
    const denies = keysTable.Properties.ResourcePolicy.PolicyDocument.Statement as Json[];
    expect(denies.map((s) => [s.Effect, [s.Action].flat().sort()])).toEqual([
      ['Deny', ['dynamodb:BatchWriteItem', 'dynamodb:DeleteItem']],
      ['Deny', ['dynamodb:UpdateItem']],
    ]);
    const apiRole = idOf(template, 'AWS::IAM::Role', 'ApiFunction');
    expect(referencedIds(denies[1]!.Condition)).toEqual(new Set([apiRole]));
  });

  it('wraps data keys with one rotating KMS key whose policy lets only the two functions use it, per subject', () => {
    const [[, key]] = resourcesOf(template, 'AWS::KMS::Key') as [[string, Json]];
    expect(key.Properties.EnableKeyRotation).toBe(true);
    const usage = (key.Properties.KeyPolicy.Statement as Json[]).filter((s) =>
      [s.Action].flat().includes('kms:Decrypt'),
    );
    expect(usage).toHaveLength(1);
    expect([usage[0]!.Action].flat().sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
    const roles = ['ApiFunction', 'ProjectionConsumerFunction'].map((p) =>
      idOf(template, 'AWS::IAM::Role', p),
    );
    expect(referencedIds(usage[0]!.Principal)).toEqual(new Set(roles));
    expect(usage[0]!.Condition).toEqual({
      'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['subject'] },
    });
  });

  it('tells the functions the keys table and the KMS key', () => {
    const keyId = resourcesOf(template, 'AWS::KMS::Key')[0]![0];
    const api = template.toJSON().Resources[idOf(template, 'AWS::Lambda::Function', 'ApiFunction')] as Json;
    const env = api.Properties.Environment.Variables as Json;
    expect(env.EVENTFOLD_KEYS_TABLE).toBe(keysTableName);
    expect(referencedIds(env.EVENTFOLD_KMS_KEY_ID)).toEqual(new Set([keyId]));
  });
});

describe('the construct without personal data', () => {
  it('creates no keys table and no KMS key', () => {
    const template = synth(false);
    expect(resourcesOf(template, 'AWS::KMS::Key')).toEqual([]);
    expect(resourcesOf(template, 'AWS::DynamoDB::Table').filter(([id]) => id.includes('Keys'))).toEqual([]);
  });
});
