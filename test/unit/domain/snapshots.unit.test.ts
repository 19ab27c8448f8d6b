import { IsString } from 'class-validator';
import fc from 'fast-check';
import {
  Aggregate,
  AggregateId,
  AggregateRoot,
  Apply,
  Command,
  CommandHandler,
  DomainEvent,
  snapshotDue,
  snapshotTagOf,
} from '../../../src';
import { Counter } from './counter.fixture';

@DomainEvent('test.ShapeA')
class ShapeA {}
@DomainEvent('test.ShapeB')
class ShapeB {}

@Command('test.Touch')
class Touch {
  @AggregateId() @IsString() id!: string;
}

interface Variant {
  snapshotVersion?: number;
  extraField?: boolean;
  extraApplier?: boolean;
  initialCount?: number;
  methodName?: 'a' | 'b';
  snapshotEvery?: number;
}

/** Declares a fresh aggregate class of the same type name, varying one aspect at a time. */
function declare(variant: Variant = {}): typeof Aggregate & (new (id: string) => Aggregate) {
  class Shape extends Aggregate {
    count = variant.initialCount ?? 0;
    label = 'x';
    nested = { total: 0, tags: [] as string[] };
    constructor(id: string) {
      super(id);
      if (variant.extraField) Object.assign(this, { extra: true });
    }
  }
  Apply(ShapeA)(Shape.prototype, variant.methodName ?? 'a', {});
  if (variant.extraApplier) Apply(ShapeB)(Shape.prototype, 'b', {});
  CommandHandler(Touch)(Shape.prototype, 'touch', {});
  AggregateRoot('test.Shape', {
    snapshotVersion: variant.snapshotVersion,
    snapshotEvery: variant.snapshotEvery,
  })(Shape);
  return Shape;
}

describe('snapshot tags', () => {
  const base = snapshotTagOf(declare());

  it('starts with the aggregate type', () => {
    expect(base).toMatch(/^test\.Shape:[0-9a-f]{16}$/);
  });

  it('stays the same for an identical declaration, other initial values and other method names', () => {
    expect(snapshotTagOf(declare())).toBe(base);
    expect(snapshotTagOf(declare({ initialCount: 5 }))).toBe(base);
    expect(snapshotTagOf(declare({ methodName: 'b' }))).toBe(base);
    expect(snapshotTagOf(declare({ snapshotEvery: 10 }))).toBe(base);
    expect(snapshotTagOf(declare({ snapshotVersion: 1 }))).toBe(base);
  });

  it('changes when the state shape changes', () => {
    expect(snapshotTagOf(declare({ extraField: true }))).not.toBe(base);
  });

  it('changes when the set of appliers changes', () => {
    expect(snapshotTagOf(declare({ extraApplier: true }))).not.toBe(base);
  });

  it('changes when the snapshot version is bumped', () => {
    expect(snapshotTagOf(declare({ snapshotVersion: 2 }))).not.toBe(base);
  });

  it('is stable across calls for one class', () => {
    expect(snapshotTagOf(Counter)).toBe(snapshotTagOf(Counter));
  });
});

describe('snapshotDue', () => {
  it('is due when a save crosses a multiple of snapshotEvery', () => {
    expect(snapshotDue(Counter, 0, 3)).toBe(true);
    expect(snapshotDue(Counter, 2, 4)).toBe(true);
    expect(snapshotDue(Counter, 3, 5)).toBe(false);
    expect(snapshotDue(Counter, 5, 5)).toBe(false);
    expect(snapshotDue(Counter, 5, 4)).toBe(false);
  });

  it('is never due without a policy', () => {
    expect(snapshotDue(declare(), 0, 1000)).toBe(false);
  });

  it('agrees with counting the multiples of N crossed one version at a time (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 60 }),
        (every, from, added) => {
          const cls = declare({ snapshotEvery: every });
          let crossed = 0;
          for (let v = from + 1; v <= from + added; v += 1) if (v % every === 0) crossed += 1;
          expect(snapshotDue(cls, from, from + added)).toBe(crossed > 0);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses a snapshot policy that is not a positive whole number', () => {
    for (const snapshotEvery of [0, -1, 2.5]) {
      expect(() => AggregateRoot('test.Bad', { snapshotEvery })).toThrow(
        expect.objectContaining({ code: 'CONFIGURATION_INVALID' }),
      );
    }
  });
});
