import { gateMayMove } from '../../../src/infrastructure/dynamodb/read-models/gate-conditions';
import { rowUpdateExpression } from '../../../src/infrastructure/dynamodb/read-models/row-updates';
import { RowChanges } from '../../../src/projections/row-changes';

describe('DynamoDB expressions of the read-model store', () => {
  it('sets and adds row fields by placeholder, never by raw name', () => {
    const [change] = new RowChanges()
      .set('day#1', { currency: 'EUR' })
      .add('day#1', { paid: 5, count: 1 })
      .list();
    expect(change?.kind === 'upsert' && rowUpdateExpression(change)).toEqual({
      expression: 'SET #s0 = :s0 ADD #a0 :a0, #a1 :a1',
      names: { '#s0': 'currency', '#a0': 'paid', '#a1': 'count' },
      values: { ':s0': 'EUR', ':a0': 5, ':a1': 1 },
    });
  });

  it('lets a gate move from 0 when no gate item exists, and otherwise only from its exact version', () => {
    expect(gateMayMove(0, undefined).expression).toBe(
      '(attribute_not_exists(pk) OR #version = :from) AND attribute_not_exists(#parked)',
    );
    expect(gateMayMove(7, 8)).toMatchObject({
      expression: '#version = :from AND #parked.#parkedVersion = :releases',
      values: { ':from': 7, ':releases': 8 },
    });
  });

  it('refuses reserved or invalid field names and conflicting changes to one field', () => {
    expect(() => new RowChanges().set('k', { version: 1 })).toThrow(/reserved or invalid/);
    expect(() => new RowChanges().add('k', { 'a b': 1 } as never)).toThrow(/reserved or invalid/);
    expect(() => new RowChanges().set('k', { n: 1 }).add('k', { n: 1 })).toThrow(/changed twice/);
    expect(() => new RowChanges().remove('k').add('k', { n: 1 })).toThrow(/changed twice/);
  });

  it('refuses more rows per event than one transaction can hold', () => {
    const rows = new RowChanges();
    for (let i = 0; i < 100; i += 1) rows.add(`k${i}`, { n: 1 });
    expect(() => rows.list()).toThrow(/99/);
  });
});
