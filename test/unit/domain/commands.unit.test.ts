import { Type } from 'class-transformer';
import { ArrayMinSize, IsInt, IsPositive, IsString, MinLength, ValidateNested } from 'class-validator';
import {
  Aggregate,
  AggregateId,
  AggregateRoot,
  Command,
  Loads,
  ValidationError,
  commandInfoOf,
  validateCommand,
} from '../../../src';

class Line {
  @IsString() sku!: string;
  @IsInt() @IsPositive() quantity!: number;
}

@Command('test.PlaceOrder')
class PlaceOrder {
  @AggregateId() @IsString() @MinLength(2) orderId!: string;
  @IsString() customer!: string;
  @ValidateNested({ each: true }) @Type(() => Line) @ArrayMinSize(1) lines!: Line[];
}

@AggregateRoot('test.Wallet')
class Wallet extends Aggregate {}

@Command('test.Transfer')
class Transfer {
  @AggregateId() @IsString() from!: string;
  @Loads(() => Wallet) @IsString() to!: string;
}

@Command('test.Derived')
class DerivedTransfer extends Transfer {}

@Command('test.NoId')
class NoId {
  @IsString() something!: string;
}

class NotACommand {
  @AggregateId() id!: string;
}

function violationsOf(run: () => unknown): ValidationError['violations'] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).violations;
  }
  throw new Error('expected a ValidationError');
}

describe('commands', () => {
  it('turns valid input into a command instance with nested instances', () => {
    const command = validateCommand(PlaceOrder, {
      orderId: 'o1',
      customer: 'c1',
      lines: [{ sku: 'a', quantity: 2 }],
    });
    expect(command).toBeInstanceOf(PlaceOrder);
    expect(command.lines[0]).toBeInstanceOf(Line);
  });

  it('lists every invalid field and every reason, nested fields included', () => {
    const violations = violationsOf(() =>
      validateCommand(PlaceOrder, {
        orderId: 'o',
        customer: 7,
        lines: [{ sku: 'a', quantity: -1 }, { quantity: 1 }],
      }),
    );
    const byField = Object.fromEntries(violations.map((v) => [v.field, v.reasons]));
    expect(Object.keys(byField).sort()).toEqual(['customer', 'lines[0].quantity', 'lines[1].sku', 'orderId']);
    expect(byField.orderId).toEqual(['orderId must be longer than or equal to 2 characters']);
    expect(byField.customer).toEqual(['customer must be a string']);
    expect(byField['lines[0].quantity']).toEqual(['quantity must be a positive number']);
    expect(byField['lines[1].sku']).toEqual(['sku must be a string']);
  });

  it('gives every reason of a field that breaks several rules', () => {
    const violations = violationsOf(() =>
      validateCommand(PlaceOrder, { orderId: 5, customer: 'c', lines: [] }),
    );
    expect(violations).toEqual(
      expect.arrayContaining([
        {
          field: 'orderId',
          reasons: expect.arrayContaining([
            'orderId must be a string',
            expect.stringContaining('longer than'),
          ]),
        },
        { field: 'lines', reasons: ['lines must contain at least 1 elements'] },
      ]),
    );
  });

  it('refuses unknown fields, naming them', () => {
    const violations = violationsOf(() =>
      validateCommand(PlaceOrder, {
        orderId: 'o1',
        customer: 'c',
        lines: [{ sku: 'a', quantity: 1 }],
        admin: true,
      }),
    );
    expect(violations).toEqual([{ field: 'admin', reasons: ['property admin should not exist'] }]);
  });

  it.each([null, 'text', 42, [1, 2]])('refuses input that is not a JSON object: %p', (input) => {
    const error = (() => {
      try {
        return validateCommand(PlaceOrder, input);
      } catch (e) {
        return e;
      }
    })() as ValidationError;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.httpStatus).toBe(400);
    expect(error.violations).toEqual([{ field: '(root)', reasons: ['must be a JSON object'] }]);
    expect(error.subject).toBe('command test.PlaceOrder');
  });

  it('validates an already built instance, nested plain objects included', () => {
    const command = Object.assign(new PlaceOrder(), {
      orderId: 'o1',
      customer: 'c',
      lines: [{ sku: 'a', quantity: 0 }],
    });
    expect(violationsOf(() => validateCommand(PlaceOrder, command))).toEqual([
      { field: 'lines[0].quantity', reasons: ['quantity must be a positive number'] },
    ]);
  });

  it('records name, aggregate id field and the aggregates a command loads', () => {
    const info = commandInfoOf(Transfer);
    expect(info.name).toBe('test.Transfer');
    expect(info.aggregateIdField).toBe('from');
    expect(info.loads.map((l) => [l.field, l.aggregate()])).toEqual([['to', Wallet]]);
  });

  it('finds the aggregate id field declared on a parent class', () => {
    expect(commandInfoOf(DerivedTransfer)).toMatchObject({ name: 'test.Derived', aggregateIdField: 'from' });
  });

  it('refuses a command class without @Command or without @AggregateId', () => {
    expect(() => commandInfoOf(NotACommand)).toThrow('NotACommand is not declared with @Command');
    expect(() => commandInfoOf(NoId)).toThrow('command test.NoId has no @AggregateId field');
  });
});
