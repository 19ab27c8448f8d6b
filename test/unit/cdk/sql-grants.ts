import type { Template } from 'aws-cdk-lib/assertions';
import { referencedIds, resourcesOf } from './synth';

/** A cluster and secret of the user's, as `sql: { existing }` takes them. */
export const EXISTING_SQL = {
  clusterArn: 'arn:aws:rds:eu-west-1:123456789012:cluster:concerts',
  secretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:concerts-admin-AbCdEf',
};

/** What the Data API needs, sorted: the whole grant a SQL reader or writer gets on its cluster. */
export const DATA_API_ACTIONS = [
  'rds-data:BatchExecuteStatement',
  'rds-data:BeginTransaction',
  'rds-data:CommitTransaction',
  'rds-data:ExecuteStatement',
  'rds-data:RollbackTransaction',
];

/** An IAM statement as the template has it. */
interface Statement {
  readonly Action: string[];
  readonly Resource: unknown[];
}

/** The logical ids of the cluster `sql: {}` created and of its secret's attachment. */
export function createdSqlIds(template: Template): { clusterId: string; attachmentId: string } {
  const [clusterId] = resourcesOf(template, 'AWS::RDS::DBCluster')[0]!;
  const [attachmentId] = resourcesOf(template, 'AWS::SecretsManager::SecretTargetAttachment')[0]!;
  return { clusterId, attachmentId };
}

/**
 * Expects statements to grant exactly the Data API on the created cluster and reading its secret, with no
 * wildcard in any action or resource.
 */
export function expectCreatedSqlGrantsOnly(template: Template, statements: readonly Statement[]): void {
  const { clusterId, attachmentId } = createdSqlIds(template);
  expect(statements.map((s) => [[...s.Action].sort(), s.Resource.map((r) => [...referencedIds(r)])])).toEqual(
    [
      [DATA_API_ACTIONS, [[clusterId]]],
      [['secretsmanager:GetSecretValue'], [[attachmentId]]],
    ],
  );
  const texts = statements.flatMap((s) => [...s.Action, ...s.Resource.map((r) => JSON.stringify(r))]);
  expect(texts.filter((text) => text.includes('*'))).toEqual([]);
}
