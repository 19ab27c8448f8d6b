import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  RemovalPolicy,
  aws_dynamodb as dynamodb,
  aws_iam as iam,
  aws_kms as kms,
  type aws_lambda_nodejs as nodejs,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { keysTableDefinition } from '../dynamodb/tables/keys-table';

/** What reaches subjects' keys, and how far. */
export interface KeyUsers {
  /** Destroys keys too (a tombstone in place of the key): the only function behind `POST /subjects/{subject}/forget`. */
  readonly forget: nodejs.NodejsFunction;
  /** Read keys and create them on first use (they decrypt what they read and encrypt what they commit). */
  readonly others: readonly nodejs.NodejsFunction[];
}

/** The keys table and the KMS key that wraps every data key. */
export interface PersonalDataResources {
  readonly keysTable: dynamodb.Table;
  readonly key: kms.Key;
}

/**
 * Item actions no function may take on the keys table: a key item is never deleted (a forget leaves a tombstone, so
 * the subject id stays forgotten) and never written in batches.
 */
export const FORBIDDEN_KEY_ACTIONS = ['dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

/** The item action that turns a key into a tombstone: only the forget path may take it. */
export const DESTROY_KEY_ACTIONS = ['dynamodb:UpdateItem'];

/** The module the functions that use keys get bundled with: it registers the KMS key wrapper. */
export function kmsRegistrationModule(): string {
  const base = join(__dirname, '..', 'keys', 'kms-key-wrapper-registration');
  const found = ['.ts', '.js'].map((ext) => base + ext).find((file) => existsSync(file));
  if (!found) throw new Error(`eventfold: no ${base}.ts or .js`);
  return found;
}

/**
 * The keys table (point-in-time recovery, encryption, kept when the stack is deleted: a lost key is lost data) and
 * one KMS key with rotation. Access is granted by `grantKeys` once the functions exist.
 */
export function personalDataResources(scope: Construct, keysTableName: string): PersonalDataResources {
  const group = new Construct(scope, 'PersonalData');
  const keysTable = new dynamodb.Table(group, 'KeysTable', {
    tableName: keysTableName,
    partitionKey: {
      name: keysTableDefinition(keysTableName).KeySchema![0]!.AttributeName!,
      type: dynamodb.AttributeType.STRING,
    },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    encryption: dynamodb.TableEncryption.AWS_MANAGED,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    removalPolicy: RemovalPolicy.RETAIN,
    deletionProtection: true,
  });
  const key = new kms.Key(group, 'DataKeysKey', {
    description: 'eventfold: wraps the data key of every data subject (envelope encryption)',
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  return { keysTable, key };
}

/**
 * Lets the forget function read, create and destroy keys (an update to a tombstone), the other users read and create
 * them (a put only where no item is, not even a tombstone); no one else reaches
 * the table, and the key policy lets only these functions' roles generate and unwrap data keys, each for one
 * subject (the encryption context).
 */
export function grantKeys(resources: PersonalDataResources, users: KeyUsers): void {
  const { keysTable, key } = resources;
  const item = (actions: string[]) => new iam.PolicyStatement({ actions, resources: [keysTable.tableArn] });
  users.forget.addToRolePolicy(item(['dynamodb:GetItem', 'dynamodb:PutItem', ...DESTROY_KEY_ACTIONS]));
  for (const fn of users.others) fn.addToRolePolicy(item(['dynamodb:GetItem', 'dynamodb:PutItem']));
  const roles = [users.forget, ...users.others].map((fn) => fn.role!);
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'DataKeysForEventfoldFunctions',
      principals: roles.map((role) => new iam.ArnPrincipal(role.roleArn)),
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: ['*'],
      conditions: { 'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['subject'] } },
    }),
  );
  const denyRewrites = new iam.PolicyStatement({
    sid: 'KeysAreNeverRewritten',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: FORBIDDEN_KEY_ACTIONS,
    resources: ['*'],
  });
  const onlyForgetDestroys = new iam.PolicyStatement({
    sid: 'OnlyTheForgetPathDestroysKeys',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: DESTROY_KEY_ACTIONS,
    resources: ['*'],
    conditions: { ArnNotEquals: { 'aws:PrincipalArn': users.forget.role!.roleArn } },
  });
  keysTable.addToResourcePolicy(denyRewrites);
  keysTable.addToResourcePolicy(onlyForgetDestroys);
}

/** What the construct deploys for `personalData`: nothing when it is off. */
export interface PersonalDataDeployment {
  readonly resources?: PersonalDataResources;
  /** The module to bundle into the functions that use keys. */
  readonly kmsModule?: string;
  readonly kmsKeyId?: string;
}

/** The keys table and KMS key when `enabled`, with the module and key id the functions get. */
export function personalDataDeployment(
  scope: Construct,
  enabled: boolean | undefined,
  keysTableName: string,
): PersonalDataDeployment {
  if (!enabled) return {};
  const resources = personalDataResources(scope, keysTableName);
  return { resources, kmsModule: kmsRegistrationModule(), kmsKeyId: resources.key.keyArn };
}

/** Grants keys to the API (which forgets) and to the other functions that exist; nothing without personal data. */
export function grantKeysTo(
  deployment: PersonalDataDeployment,
  forget: nodejs.NodejsFunction,
  others: ReadonlyArray<nodejs.NodejsFunction | undefined>,
): void {
  if (!deployment.resources) return;
  grantKeys(deployment.resources, { forget, others: others.filter((fn) => fn !== undefined) });
}
