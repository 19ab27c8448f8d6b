import { instanceToPlain, plainToInstance, TransformationType } from 'class-transformer';
import { type TransformerMetadata, transformerMetadata } from './class-transformer-storage';

type Fields = Record<string, unknown>;

/** Classes without class-level class-transformer metadata (no `@Expose`, `@Exclude` or strategy anywhere). */
const plainClasses = new WeakMap<Function, boolean>();

function hasNoClassMetadata(storage: TransformerMetadata, cls: Function): boolean {
  let plain = plainClasses.get(cls);
  if (plain === undefined) {
    plain =
      storage.getStrategy(cls) === 'none' &&
      storage.getExposedMetadatas(cls).length === 0 &&
      storage.getExcludedMetadatas(cls).length === 0;
    plainClasses.set(cls, plain);
  }
  return plain;
}

/** A value class-transformer hands on as it is: anything but an object or a function. */
const isPrimitive = (value: unknown): boolean =>
  value === null || (typeof value !== 'object' && typeof value !== 'function');

/** An object class-transformer walks field by field, rather than a value it treats on its own. */
function isRecord(value: object): boolean {
  return !(
    Array.isArray(value) ||
    value instanceof Set ||
    value instanceof Map ||
    value instanceof Date ||
    Buffer.isBuffer(value) ||
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * The values of an object's own enumerable fields when class-transformer would copy each as it is (in the given
 * direction): the class has no metadata for the object's fields and every value is a primitive. Else undefined.
 */
function flatValues(
  cls: Function | undefined,
  value: object,
  keys: readonly string[],
  direction: TransformationType,
): unknown[] | undefined {
  const storage = transformerMetadata();
  if (!storage || !isRecord(value) || (cls && !hasNoClassMetadata(storage, cls))) return undefined;
  const values: unknown[] = [];
  for (const key of keys) {
    const field = (value as Fields)[key];
    if (!isPrimitive(field)) return undefined;
    if (cls && storage.findTypeMetadata(cls, key) !== undefined) return undefined;
    if (cls && storage.findTransformMetadatas(cls, key, direction).length > 0) return undefined;
    values.push(field);
  }
  return values;
}

/** Fields class-transformer never copies: they would reach into prototypes. */
const isReserved = (key: string): boolean => key === '__proto__' || key === 'constructor';

/**
 * `plainToInstance(cls, plain)` without class-transformer's generic walk when it would copy every field as it is
 * (no metadata for the fields, primitive values): the same instance, built by the same rules (the class's
 * constructor runs, reserved names, getters without a setter and methods are skipped). Anything else goes through
 * `plainToInstance`.
 */
export function toInstanceOf<T extends object>(cls: new () => T, plain: object): T {
  // Not an object (an upcaster may return anything): class-transformer's answer, whatever it is.
  if (typeof plain !== 'object' || plain === null) return plainToInstance(cls, plain as unknown);
  const keys = Object.keys(plain);
  const values = flatValues(cls, plain, keys, TransformationType.PLAIN_TO_CLASS);
  if (!values) return plainToInstance(cls, plain);
  const instance = new cls() as Fields;
  const prototype = (instance.constructor as Function | undefined)?.prototype as object | undefined;
  keys.forEach((key, i) => {
    if (isReserved(key)) return;
    if (prototype) {
      const descriptor = Object.getOwnPropertyDescriptor(prototype, key);
      if ((descriptor && !descriptor.set) || instance[key] instanceof Function) return;
    }
    instance[key] = values[i];
  });
  return instance as T;
}

/**
 * `instanceToPlain(instance)` without class-transformer's generic walk when it would copy every field as it is:
 * a new plain object with the instance's own enumerable fields but the reserved names. Anything else (metadata,
 * nested objects, functions) goes through `instanceToPlain`.
 */
export function toPlainOf(instance: object): Fields {
  const keys = Object.keys(instance);
  const { constructor } = instance as { constructor?: unknown };
  // class-transformer looks metadata up for any constructor but `Object`; a field named so is left to it.
  if (constructor !== undefined && typeof constructor !== 'function') return instanceToPlain(instance);
  const cls = constructor === Object ? undefined : constructor;
  const values = flatValues(cls, instance, keys, TransformationType.CLASS_TO_PLAIN);
  if (!values) return instanceToPlain(instance);
  const plain: Fields = {};
  keys.forEach((key, i) => {
    if (!isReserved(key)) plain[key] = values[i];
  });
  return plain;
}
