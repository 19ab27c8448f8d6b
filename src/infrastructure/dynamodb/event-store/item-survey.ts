import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { itemSize, type SizeSurvey } from './item-size';

/**
 * One walk over an item for every check a write needs first: its size as `itemSize` counts it, or undefined when
 * it may break a shape limit (`shapeBreachIn`), hold an empty attribute name (`emptyAttributeNameIn`) or a number
 * DynamoDB cannot hold (`unstorableNumberIn`). An item with a size (nearly all) needs no other walk; one without
 * goes through the detailed checks, which name the limit and the place.
 */
export function surveyItem(item: Record<string, AttributeValue>): number | undefined {
  const survey: SizeSurvey = { suspect: false };
  const bytes = itemSize(item, survey);
  return survey.suspect ? undefined : bytes;
}
