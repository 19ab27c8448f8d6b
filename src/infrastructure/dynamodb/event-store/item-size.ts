import type { AttributeValue } from '@aws-sdk/client-dynamodb';

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
export function numberSize(text: string): number {
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

function listSize(values: readonly AttributeValue[]): number {
  let sum = 3;
  for (const value of values) sum += 1 + attributeValueSize(value);
  return sum;
}

function mapSize(entries: Record<string, AttributeValue>): number {
  let sum = 3;
  for (const name in entries) sum += 1 + utf8(name) + attributeValueSize(entries[name]!);
  return sum;
}

/**
 * The size DynamoDB counts for one attribute value: strings and binaries by their bytes, numbers by their
 * significant digits, booleans and nulls one byte, lists and maps 3 bytes plus 1 byte per element
 * (and a map element's name).
 */
export function attributeValueSize(value: AttributeValue): number {
  if (value.S !== undefined) return utf8(value.S);
  if (value.N !== undefined) return numberSize(value.N);
  if (value.B !== undefined) return value.B.byteLength;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS !== undefined) return value.SS.reduce((sum, s) => sum + utf8(s), 0);
  if (value.NS !== undefined) return value.NS.reduce((sum, n) => sum + numberSize(n), 0);
  if (value.BS !== undefined) return value.BS.reduce((sum, b) => sum + b.byteLength, 0);
  if (value.L !== undefined) return listSize(value.L);
  if (value.M !== undefined) return mapSize(value.M);
  return 0;
}

/**
 * The size of a marshalled item as DynamoDB counts it against the 400 KB limit: for every attribute, the
 * UTF-8 bytes of its name plus the size of its value.
 * @example
 * itemSize(marshall({ streamId: 'Order#1', version: 1 })); // 8 + 7 + 7 + 2 = 24
 */
export function itemSize(item: Record<string, AttributeValue>): number {
  let sum = 0;
  for (const name in item) sum += utf8(name) + attributeValueSize(item[name]!);
  return sum;
}
