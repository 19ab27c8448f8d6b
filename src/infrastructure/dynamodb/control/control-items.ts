import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { ControlTableKeys } from '../tables/control-table';

/** The key of one control-table item. */
export function controlKey(pk: string, sk: string) {
  return marshall({ [ControlTableKeys.partitionKey]: pk, [ControlTableKeys.sortKey]: sk });
}

/** Marshals attribute values, leaving out undefined ones. */
export function values(record: Record<string, unknown>) {
  return marshall(record, { removeUndefinedValues: true, convertClassInstanceToMap: false });
}

/** Runs a conditional write; false when its condition failed, other errors propagate. */
export async function conditionally(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}
