import type { FieldViolation } from '../../domain/validation-error';

/**
 * The subset of JSON Schema (as OpenAPI 3.1 uses it) that the API's request bodies are described with. The same
 * object validates a request and is published in the OpenAPI description, so the two cannot drift apart.
 */
export type JsonSchema =
  | {
      readonly type: 'string';
      readonly minLength?: number;
      readonly maxLength?: number;
      readonly pattern?: string;
      readonly format?: string;
      readonly enum?: readonly string[];
      readonly description?: string;
    }
  | {
      readonly type: 'integer' | 'number';
      readonly minimum?: number;
      readonly maximum?: number;
      readonly description?: string;
    }
  | { readonly type: 'boolean'; readonly description?: string }
  | {
      readonly type: 'array';
      readonly items: JsonSchema;
      readonly minItems?: number;
      readonly maxItems?: number;
      readonly description?: string;
    }
  | ObjectSchema;

/** An object: named properties, the required ones, and whether other properties are allowed. */
export interface ObjectSchema {
  readonly type: 'object';
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  /** False refuses unknown properties; a schema describes the values of any property. */
  readonly additionalProperties?: boolean | JsonSchema;
  readonly maxProperties?: number;
  readonly description?: string;
}

type Check = (value: unknown, field: string, out: FieldViolation[]) => void;

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function push(out: FieldViolation[], field: string, reason: string): void {
  out.push({ field: field || '(body)', reasons: [reason] });
}

function stringRules(
  schema: Extract<JsonSchema, { type: 'string' }>,
  value: string,
  field: string,
  out: FieldViolation[],
): void {
  if (schema.minLength !== undefined && value.length < schema.minLength)
    push(out, field, `must have at least ${schema.minLength} characters`);
  if (schema.maxLength !== undefined && value.length > schema.maxLength)
    push(out, field, `must have at most ${schema.maxLength} characters`);
  if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value))
    push(out, field, `must match ${schema.pattern}`);
  if (schema.enum && !schema.enum.includes(value))
    push(out, field, `must be one of ${schema.enum.join(', ')}`);
  if (schema.format === 'date-time' && Number.isNaN(Date.parse(value)))
    push(out, field, 'must be an ISO-8601 date-time');
}

function numberRules(
  schema: Extract<JsonSchema, { type: 'integer' | 'number' }>,
  value: number,
  field: string,
  out: FieldViolation[],
): void {
  if (!Number.isFinite(value)) return push(out, field, 'must be a finite number');
  if (schema.type === 'integer' && !Number.isSafeInteger(value))
    return push(out, field, 'must be a whole number');
  if (schema.minimum !== undefined && value < schema.minimum)
    push(out, field, `must be at least ${schema.minimum}`);
  if (schema.maximum !== undefined && value > schema.maximum)
    push(out, field, `must be at most ${schema.maximum}`);
}

function objectRules(
  schema: ObjectSchema,
  value: Record<string, unknown>,
  field: string,
  out: FieldViolation[],
): void {
  const at = (key: string) => (field ? `${field}.${key}` : key);
  for (const key of schema.required ?? []) {
    if (value[key] === undefined) push(out, at(key), 'is required');
  }
  const keys = Object.keys(value);
  if (schema.maxProperties !== undefined && keys.length > schema.maxProperties)
    push(out, field, `must have at most ${schema.maxProperties} properties`);
  for (const key of keys) {
    const property = schema.properties?.[key];
    const extra = schema.additionalProperties;
    if (property) validateInto(property, value[key], at(key), out);
    else if (typeof extra === 'object') validateInto(extra, value[key], at(key), out);
    else if (extra === false) push(out, at(key), 'is not a known field');
  }
}

const checks: Record<JsonSchema['type'], (schema: any) => Check> = {
  string: (schema) => (value, field, out) => stringRules(schema, value as string, field, out),
  integer: (schema) => (value, field, out) => numberRules(schema, value as number, field, out),
  number: (schema) => (value, field, out) => numberRules(schema, value as number, field, out),
  boolean: () => () => undefined,
  object: (schema) => (value, field, out) =>
    objectRules(schema, value as Record<string, unknown>, field, out),
  array: (schema) => (value, field, out) => {
    const items = value as unknown[];
    if (schema.minItems !== undefined && items.length < schema.minItems)
      push(out, field, `must have at least ${schema.minItems} items`);
    if (schema.maxItems !== undefined && items.length > schema.maxItems)
      push(out, field, `must have at most ${schema.maxItems} items`);
    else items.forEach((item, i) => validateInto(schema.items, item, `${field}[${i}]`, out));
  },
};

const expectedType: Record<JsonSchema['type'], string> = {
  string: 'string',
  integer: 'number',
  number: 'number',
  boolean: 'boolean',
  object: 'object',
  array: 'array',
};

function validateInto(schema: JsonSchema, value: unknown, field: string, out: FieldViolation[]): void {
  const actual = typeName(value);
  if (actual !== expectedType[schema.type]) {
    return push(
      out,
      field,
      `must be ${schema.type === 'integer' ? 'an integer' : `a${/^[aeiou]/.test(schema.type) ? 'n' : ''} ${schema.type}`}, got ${actual}`,
    );
  }
  checks[schema.type](schema)(value, field, out);
}

/**
 * Checks a value against a schema and lists every violation with the path of its field (`events[2].type`).
 * @example
 * validateSchema({ type: 'object', required: ['type'], properties: { type: { type: 'string' } } }, {}); // [{ field: 'type', reasons: ['is required'] }]
 */
export function validateSchema(schema: JsonSchema, value: unknown): FieldViolation[] {
  const out: FieldViolation[] = [];
  validateInto(schema, value, '', out);
  return out;
}
