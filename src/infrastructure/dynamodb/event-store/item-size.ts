import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { ITEM_SHAPE_LIMITS } from './item-shape';

/** DynamoDB's largest item: 400 KB, attribute names included. */
export const MAX_ITEM_BYTES = 400 * 1024;

const utf8 = (text: string): number => Buffer.byteLength(text, 'utf8');

/** DynamoDB's smallest non-zero number magnitude. */
const SMALLEST_NUMBER = 1e-130;

/** True for a number DynamoDB cannot hold: non-zero and below 1e-130 in magnitude. */
export function tooSmall(text: string): boolean {
  const magnitude = Math.abs(Number(text));
  return magnitude > 0 && magnitude < SMALLEST_NUMBER;
}

/**
 * Bytes of a number: DynamoDB stores the digits in base-100 pairs aligned on the decimal point (leading and
 * trailing zero pairs dropped), plus one byte of exponent and one more for a negative sign.
 * Checked against DynamoDB Local at the 400 KB boundary.
 */
function numberSize(text: string): number {
  return PLAIN_INTEGER.test(text) ? integerSize(text) : decimalSize(text);
}

/** An integer in plain digits, as `marshall` writes every safe integer. */
const PLAIN_INTEGER = /^-?[1-9][0-9]*$/;
const ZERO = 48;

/** `numberSize` of a plain integer without parsing it: the decimal point sits after the last digit. */
function integerSize(text: string): number {
  const negative = text.charCodeAt(0) === 45;
  const digits = negative ? text.length - 1 : text.length;
  let trailingZeros = 0;
  while (text.charCodeAt(text.length - 1 - trailingZeros) === ZERO) trailingZeros += 1;
  const aligned = digits - trailingZeros + (digits % 2);
  return Math.ceil(aligned / 2) + 1 + (negative ? 1 : 0);
}

function decimalSize(text: string): number {
  const [mantissa = '', exponent = '0'] = text.replace(/^[-+]/, '').toLowerCase().split('e');
  const [whole = '', fraction = ''] = mantissa.split('.');
  const leadingZeros = /^0*/.exec(whole + fraction)![0].length;
  const digits = (whole + fraction).slice(leadingZeros).replace(/0+$/, '');
  if (digits === '') return 1;
  const point = whole.length + Number(exponent) - leadingZeros;
  const aligned = Math.abs(point % 2) === 1 ? `0${digits}` : digits;
  return Math.ceil(aligned.length / 2) + 1 + (text.startsWith('-') ? 1 : 0);
}

/**
 * What a size walk notices for the write's detailed checks: an attribute name that is empty or too long, a number
 * below 1e-130, nesting deeper than DynamoDB allows (the walk stops there). Unset, nothing is looked for.
 */
interface SizeSurvey {
  suspect: boolean;
}

function listSize(values: readonly AttributeValue[], depth: number, survey?: SizeSurvey): number {
  let sum = 3;
  for (const value of values) sum += 1 + valueSize(value, depth + 1, survey);
  return sum;
}

function mapSize(entries: Record<string, AttributeValue>, depth: number, survey?: SizeSurvey): number {
  let sum = 3;
  for (const name in entries) {
    const bytes = utf8(name);
    if (survey && (bytes === 0 || bytes > ITEM_SHAPE_LIMITS.maxNameBytes)) survey.suspect = true;
    sum += 1 + bytes + valueSize(entries[name]!, depth + 1, survey);
  }
  return sum;
}

function numberSetSize(numbers: readonly string[], survey?: SizeSurvey): number {
  if (survey && numbers.some(tooSmall)) survey.suspect = true;
  return numbers.reduce((sum, n) => sum + numberSize(n), 0);
}

/** The size of a value that is not a list or a map (0 for one), noting a tiny number for `survey`. */
function scalarSize(value: AttributeValue, survey?: SizeSurvey): number {
  if (value.S !== undefined) return utf8(value.S);
  if (value.N !== undefined) {
    if (survey && tooSmall(value.N)) survey.suspect = true;
    return numberSize(value.N);
  }
  if (value.B !== undefined) return value.B.byteLength;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS !== undefined) return value.SS.reduce((sum, s) => sum + utf8(s), 0);
  if (value.NS !== undefined) return numberSetSize(value.NS, survey);
  if (value.BS !== undefined) return value.BS.reduce((sum, b) => sum + b.byteLength, 0);
  return 0;
}

/** `attributeValueSize` at a depth (an item's attributes are at depth 1), noting what `survey` looks for. */
function valueSize(value: AttributeValue, depth: number, survey?: SizeSurvey): number {
  if (value.L === undefined && value.M === undefined) return scalarSize(value, survey);
  // Deeper than DynamoDB allows: a survey need not go on (and no deep recursion on hostile data).
  if (survey && depth > ITEM_SHAPE_LIMITS.maxDepth) return ((survey.suspect = true), 0);
  return value.L !== undefined ? listSize(value.L, depth, survey) : mapSize(value.M!, depth, survey);
}

/**
 * The size DynamoDB counts for one attribute value: strings and binaries by their bytes, numbers by their
 * significant digits, booleans and nulls one byte, lists and maps 3 bytes plus 1 byte per element
 * (and a map element's name).
 */
export function attributeValueSize(value: AttributeValue): number {
  return valueSize(value, 1);
}

function sizeOf(item: Record<string, AttributeValue>, survey?: SizeSurvey): number {
  let sum = 0;
  for (const name in item) {
    if (survey && name === '') survey.suspect = true;
    sum += utf8(name) + valueSize(item[name]!, 1, survey);
  }
  return sum;
}

/**
 * The size of a marshalled item as DynamoDB counts it against the 400 KB limit: for every attribute, the
 * UTF-8 bytes of its name plus the size of its value.
 * @example
 * itemSize(marshall({ streamId: 'Order#1', version: 1 })); // 8 + 7 + 7 + 2 = 24
 */
export function itemSize(item: Record<string, AttributeValue>): number {
  return sizeOf(item);
}

/**
 * One walk over an item for every check a write needs first: its size as `itemSize` counts it, or undefined when
 * it may break a shape limit (`shapeBreachIn`), hold an empty attribute name (`emptyAttributeNameIn`) or a number
 * DynamoDB cannot hold (`unstorableNumberIn`). An item with a size (nearly all) needs no other walk; one without
 * goes through the detailed checks, which name the limit and the place.
 */
export function surveyItem(item: Record<string, AttributeValue>): number | undefined {
  const survey: SizeSurvey = { suspect: false };
  const bytes = sizeOf(item, survey);
  return survey.suspect ? undefined : bytes;
}
