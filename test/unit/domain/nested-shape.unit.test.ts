import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, ValidateNested } from 'class-validator';
import fc from 'fast-check';
import { AggregateId, Command, ValidationError, validateCommand } from '../../../src';

class Item {
  @IsString() sku!: string;
  @IsInt() quantity!: number;
}

class Address {
  @IsString() city!: string;
}

@Command('test.Ship')
class Ship {
  @AggregateId() @IsString() id!: string;
  // Only the decorators users tend to write: nothing that checks each item is an object.
  @ValidateNested({ each: true }) @Type(() => Item) items!: Item[];
  @ValidateNested() @Type(() => Address) to!: Address;
  @IsOptional() @Type(() => Address) from?: Address;
}

const valid = () => ({ id: 's', items: [{ sku: 'a', quantity: 1 }], to: { city: 'x' } });

function refusal(input: unknown): ValidationError {
  try {
    validateCommand(Ship, input);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(input)}`);
}

/** Values that are not an object of the nested class: arrays (nested too), strings, numbers, booleans, null. */
const notAnObject = fc.oneof(
  fc.integer({ min: 1, max: 1_000 }).map((depth) => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`)),
  fc.array(fc.constant({ sku: 'a', quantity: 1 }), { maxLength: 3 }),
  fc.string(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);

describe('nested fields of the wrong shape in a command', () => {
  it('refuses anything but an object as an item of a nested list, naming the item', () => {
    fc.assert(
      fc.property(fc.nat(3), notAnObject, (at, junk) => {
        const items: unknown[] = [
          { sku: 'a', quantity: 1 },
          { sku: 'b', quantity: 2 },
        ];
        const index = Math.min(at, items.length);
        items.splice(index, 0, junk);
        const error = refusal({ ...valid(), items });
        expect(error.violations).toContainEqual({
          field: `items[${index}]`,
          reasons: [expect.stringMatching(/^must be an object/)],
        });
      }),
      { numRuns: 300 },
    );
  });

  it('refuses anything but an array of objects for a nested list, and anything but an object for a nested object', () => {
    fc.assert(
      fc.property(notAnObject, fc.constantFrom('items', 'to', 'from'), (junk, field) => {
        if (
          field === 'items' &&
          Array.isArray(junk) &&
          junk.every((x) => typeof x === 'object' && !Array.isArray(x))
        )
          return;
        if (junk === null) return; // an absent value is the business of @IsDefined / @IsOptional
        const error = refusal({ ...valid(), [field]: junk });
        expect(error.violations.map((v) => v.field)).toContain(
          field === 'items' && Array.isArray(junk) ? 'items[0]' : field,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('still takes well-formed nested values and builds their classes', () => {
    const command = validateCommand(Ship, { ...valid(), from: { city: 'y' } });
    expect(command.items[0]).toBeInstanceOf(Item);
    expect(command.from).toBeInstanceOf(Address);
  });

  it('answers a command nested 10,000 deep with a ValidationError, not a RangeError', () => {
    const deep = JSON.parse(`${'['.repeat(10_000)}${']'.repeat(10_000)}`);
    expect(refusal({ ...valid(), items: deep }).code).toBe('VALIDATION_FAILED');
    const deepObject = JSON.parse(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`);
    expect(refusal({ ...valid(), to: deepObject }).code).toBe('VALIDATION_FAILED');
  });
});
