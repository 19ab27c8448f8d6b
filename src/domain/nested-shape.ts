import { getMetadataStorage } from 'class-validator';
import type { FieldViolation } from './validation-error';

/** Constructors that are values, not nested classes: a property of one of these types holds no fields to check. */
const VALUE_TYPES: ReadonlySet<unknown> = new Set([
  Object,
  Array,
  String,
  Number,
  Boolean,
  Date,
  BigInt,
  Symbol,
]);

interface NestedField {
  readonly property: string;
  readonly many: boolean;
}

const nestedFieldsCache = new WeakMap<Function, readonly NestedField[]>();

function declaredType(cls: Function, property: string): unknown {
  return Reflect.getMetadata?.('design:type', cls.prototype, property);
}

/**
 * The fields of a class that hold nested objects: those declared with `@ValidateNested`, and those whose declared
 * type is a class. A field holds many when it is declared as an array or validated with `each`.
 */
function nestedFieldsOf(cls: Function): readonly NestedField[] {
  const known = nestedFieldsCache.get(cls);
  if (known) return known;
  const rules = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  const fields = new Map<string, NestedField>();
  for (const rule of rules) {
    if (rule.type !== 'nestedValidation') continue;
    const many = rule.each || declaredType(cls, rule.propertyName) === Array;
    fields.set(rule.propertyName, { property: rule.propertyName, many });
  }
  for (const rule of rules) {
    const type = declaredType(cls, rule.propertyName);
    if (!fields.has(rule.propertyName) && typeof type === 'function' && !VALUE_TYPES.has(type))
      fields.set(rule.propertyName, { property: rule.propertyName, many: false });
  }
  const list = [...fields.values()];
  nestedFieldsCache.set(cls, list);
  return list;
}

const isObject = (value: unknown): value is object =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  return value === null ? 'null' : typeof value;
}

function checkObject(value: unknown, field: string, out: FieldViolation[]): void {
  if (!isObject(value)) {
    out.push({ field, reasons: [`must be an object, got ${describe(value)}`] });
    return;
  }
  if (value.constructor !== Object) collectShapeViolations(value, `${field}.`, out);
}

function checkField(instance: object, nested: NestedField, prefix: string, out: FieldViolation[]): void {
  const value = (instance as Record<string, unknown>)[nested.property];
  const field = `${prefix}${nested.property}`;
  if (value === undefined || value === null) return;
  if (!nested.many) return checkObject(value, field, out);
  if (!Array.isArray(value)) {
    out.push({ field, reasons: [`must be an array of objects, got ${describe(value)}`] });
    return;
  }
  value.forEach((item, i) => checkObject(item, `${field}[${i}]`, out));
}

/**
 * Lists every nested field of a transformed instance that holds a value of the wrong shape: a non-object (an
 * array, a string, null) where a nested class is declared, or anything but an array of objects where a list of
 * them is. Decorators such as `@ValidateNested({ each: true })` skip arrays inside arrays (`[[]]` passes them),
 * so this runs for every command whatever its own rules say; absent values are left to `@IsDefined` and kin.
 */
export function collectShapeViolations(
  instance: object,
  prefix = '',
  out: FieldViolation[] = [],
): FieldViolation[] {
  for (const nested of nestedFieldsOf(instance.constructor)) checkField(instance, nested, prefix, out);
  return out;
}
