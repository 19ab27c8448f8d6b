import { Exclude, Expose, instanceToPlain, plainToInstance, Transform, Type } from 'class-transformer';
import fc from 'fast-check';
import { inspect, isDeepStrictEqual } from 'node:util';
import { toInstanceOf, toPlainOf } from '../../../src/domain/flat-transform';

const runs = Number(process.env.EVENTFOLD_FLAT_TRANSFORM_RUNS ?? 300);

/** Field names, the ones that reach into prototypes or shadow methods included. */
const fieldName = fc.oneof(
  {
    weight: 9,
    arbitrary: fc.constantFrom(
      'a',
      'b',
      'name',
      'toString',
      'constructor',
      '__proto__',
      'valueOf',
      'then',
      '0',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
);
const decorations = ['none', 'expose', 'renamed', 'exclude', 'type', 'transform', 'toPlainOnly'] as const;
type Decoration = (typeof decorations)[number];

class Nested {
  inner = 'nested';
}

const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value);

function decorate(prototype: object, name: string, decoration: Decoration): void {
  if (decoration === 'expose') Expose()(prototype, name);
  if (decoration === 'renamed') Expose({ name: `${name}_x` })(prototype, name);
  if (decoration === 'exclude') Exclude()(prototype, name);
  if (decoration === 'type') Type(() => Nested)(prototype, name);
  if (decoration === 'transform') Transform(upper)(prototype, name);
  if (decoration === 'toPlainOnly') Transform(upper, { toPlainOnly: true })(prototype, name);
}

/** Decorations, the ones that leave a class without class-level metadata more often. */
const decoration = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<Decoration>('none', 'transform', 'toPlainOnly', 'type') },
  { weight: 1, arbitrary: fc.constantFrom(...decorations) },
);
const classSpec = fc.record({
  fields: fc.array(fc.tuple(fieldName, decoration), { maxLength: 4 }),
  parentFields: fc.array(fc.tuple(fieldName, decoration), { maxLength: 2 }),
  strategy: fc.constantFrom('none', 'none', 'none', 'excludeAll', 'exposeAll'),
  getter: fc.option(fieldName),
  method: fc.option(fieldName),
  initial: fc.option(fc.tuple(fieldName, fc.string())),
});

/** A class built from a spec: decorated fields (on it or its parent), a getter, a method, a field initializer. */
function buildClass(spec: typeof classSpec extends fc.Arbitrary<infer S> ? S : never): new () => object {
  class Parent {}
  spec.parentFields.forEach(([name, decoration]) => decorate(Parent.prototype, name, decoration));
  const initial = spec.initial;
  class Built extends Parent {
    constructor() {
      super();
      if (initial)
        Object.defineProperty(this, initial[0], { value: initial[1], enumerable: true, writable: true });
    }
  }
  spec.fields.forEach(([name, decoration]) => decorate(Built.prototype, name, decoration));
  if (spec.strategy === 'excludeAll') Exclude()(Built);
  if (spec.strategy === 'exposeAll') Expose()(Built);
  if (spec.getter !== null)
    Object.defineProperty(Built.prototype, spec.getter, { get: () => 'got', configurable: true });
  if (spec.method !== null)
    Object.defineProperty(Built.prototype, spec.method, {
      value: () => 'm',
      writable: true,
      configurable: true,
    });
  return Built;
}

const primitive = fc.oneof(
  fc.string(),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constantFrom(null, undefined),
  fc.bigInt(),
);
const fieldValue = fc.oneof(
  { weight: 4, arbitrary: primitive },
  fc.constantFrom(new Date(0), () => 'called'),
  fc.dictionary(fc.string({ maxLength: 3 }), primitive, { maxKeys: 2 }),
  fc.array(primitive, { maxLength: 2 }),
);

/** Own enumerable data fields, `__proto__` included (as JSON.parse makes it). */
function withFields(target: object, fields: ReadonlyArray<readonly [string, unknown]>): object {
  for (const [key, value] of fields) {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return target;
}
const fields = fc.array(fc.tuple(fieldName, fieldValue), { maxLength: 5 });

function outcome(f: () => unknown): { value?: unknown; error?: string } {
  try {
    return { value: f() };
  } catch (error) {
    return { error: String(error) };
  }
}

function expectSame(fast: unknown, generic: unknown): void {
  // Node's deep equality compares prototypes and own fields without reading an own `constructor` field as jest does.
  if (!isDeepStrictEqual(fast, generic))
    expect(inspect(fast, { depth: 5 })).toBe(inspect(generic, { depth: 5 }));
}

describe('direct instances and plain objects for classes class-transformer would copy as they are', () => {
  it('build the same instance as plainToInstance from hostile plain objects, whatever the class (property)', () => {
    fc.assert(
      fc.property(classSpec, fields, (spec, plainFields) => {
        const cls = buildClass(spec);
        const plain = withFields({}, plainFields);
        expectSame(
          outcome(() => toInstanceOf(cls, plain)),
          outcome(() => plainToInstance(cls, plain)),
        );
        // Whatever an upcaster hands over, objects or not.
        const other = plainFields[0]?.[1] as object;
        expectSame(
          outcome(() => toInstanceOf(cls, other)),
          outcome(() => plainToInstance(cls, other)),
        );
      }),
      { numRuns: runs },
    );
  });

  it('make the same plain object as instanceToPlain from any instance, whatever the class (property)', () => {
    fc.assert(
      fc.property(classSpec, fields, (spec, instanceFields) => {
        const cls = buildClass(spec);
        const instance = withFields(Object.create(cls.prototype) as object, instanceFields);
        expectSame(
          outcome(() => toPlainOf(instance)),
          outcome(() => instanceToPlain(instance)),
        );
        const plain = withFields({}, instanceFields);
        expectSame(
          outcome(() => toPlainOf(plain)),
          outcome(() => instanceToPlain(plain)),
        );
      }),
      { numRuns: runs },
    );
  });
});
