import fc from 'fast-check';
import {
  Aggregate,
  AggregateId,
  AggregateRoot,
  Apply,
  Command,
  CommandHandler,
  DomainEvent,
  DocumentProjection,
  Loads,
  On,
  Projection,
  defineDomain,
  hasErrorCode,
} from '../../../src';
import { defineEventfoldApp } from '../../../src/infrastructure/container/eventfold-app';
import { thrown } from '../../support/thrown';

/** What a user passes where a class belongs: undefined (a circular import), null, or a value of another kind. */
const notAClass = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.string(),
  fc.integer(),
  fc.boolean(),
  fc.object(),
  fc.array(fc.anything(), { maxLength: 3 }),
);

/** What a user passes where a name belongs. */
const notAName = fc.oneof(fc.constant(undefined), fc.constant(null), fc.integer(), fc.object(), fc.boolean());

const method = { value: () => undefined, writable: true, enumerable: false, configurable: true };

/** Each misuse: a name, the text its error must name, and the call that makes it with the generated value. */
const misuses: ReadonlyArray<{ name: string; names: string[]; run: (value: any) => unknown }> = [
  {
    name: '@CommandHandler(value)',
    names: ['@CommandHandler', 'Member.register'],
    run: (value) => CommandHandler(value)(class Member {}.prototype, 'register', method),
  },
  {
    name: '@Apply(value)',
    names: ['@Apply', 'Member.onRegistered'],
    run: (value) => Apply(value)(class Member {}.prototype, 'onRegistered', method),
  },
  {
    name: '@On(value)',
    names: ['@On', 'MemberList.registered'],
    run: (value) => On(value)(class MemberList {}.prototype, 'registered', method),
  },
  {
    name: '@Loads(value)',
    names: ['@Loads', 'Transfer.sponsorId'],
    run: (value) => Loads(value)(class Transfer {}.prototype, 'sponsorId'),
  },
  { name: '@AggregateRoot(name)', names: ['@AggregateRoot'], run: (value) => AggregateRoot(value) },
  { name: '@DomainEvent(name)', names: ['@DomainEvent'], run: (value) => DomainEvent(value) },
  { name: '@Command(name)', names: ['@Command'], run: (value) => Command(value) },
  { name: '@Projection(name)', names: ['@Projection'], run: (value) => Projection(value) },
  {
    name: 'an aggregate in defineDomain',
    names: ['@AggregateRoot'],
    run: (v) => defineDomain({ aggregates: [v] }),
  },
  {
    name: 'an event in defineDomain',
    names: ['@DomainEvent'],
    run: (value) => defineDomain({ aggregates: [], events: [value] }),
  },
  {
    name: 'an upcaster in defineDomain',
    names: ['upcaster 0'],
    run: (value) => defineDomain({ aggregates: [], upcasters: [value] }),
  },
  {
    name: 'a projection in defineEventfoldApp',
    names: ['@Projection'],
    run: (value) => defineEventfoldApp({ domain: { aggregates: [] }, projections: [value] }),
  },
];

describe('decorator and registration misuse', () => {
  it('answers every misuse with a ConfigurationError naming the decorator and where it sits, never a TypeError', () => {
    fc.assert(
      fc.property(fc.constantFrom(...misuses), fc.oneof(notAClass, notAName), (misuse, value) => {
        const error = thrown(() => misuse.run(value));
        if (typeof value === 'string' && misuse.name.endsWith('(name)')) return; // a string is a name
        expect({ misuse: misuse.name, error: hasErrorCode(error, 'CONFIGURATION_INVALID') }).toEqual({
          misuse: misuse.name,
          error: true,
        });
        for (const part of misuse.names) expect((error as Error).message).toContain(part);
        if (value === undefined && !misuse.name.endsWith('(name)')) {
          expect((error as Error).message).toContain('circular import');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('names the class, the method and the circular import when two modules import each other', async () => {
    const error = await jest
      .isolateModulesAsync(async () => {
        await import('./circular-fixture/commands');
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(hasErrorCode(error, 'CONFIGURATION_INVALID')).toBe(true);
    expect((error as Error).message).toMatch(/^@CommandHandler on Member\.register was given undefined/);
    expect((error as Error).message).toContain('circular import');
  });

  it('tells a class given to @Loads to be wrapped in a function, and a function returning nothing why', () => {
    @AggregateRoot('Sponsor')
    class Sponsor extends Aggregate {}
    const asClass = thrown(() => Loads(Sponsor as never)(class Transfer {}.prototype, 'sponsorId'));
    expect((asClass as Error).message).toContain('@Loads(() => Sponsor)');

    @Command('Sponsored')
    class Sponsored {
      @AggregateId() id!: string;
      @Loads(() => undefined as never) sponsorId!: string;
    }
    @AggregateRoot('Sponsoring')
    class Sponsoring extends Aggregate {
      @CommandHandler(Sponsored) sponsor(): void {}
    }
    const empty = thrown(() => defineDomain({ aggregates: [Sponsoring, Sponsor] }));
    expect(hasErrorCode(empty, 'CONFIGURATION_INVALID')).toBe(true);
    expect((empty as Error).message).toContain('Sponsored (field sponsorId) returned undefined');
  });

  it('refuses a projection registered twice, as the same instance or two classes with one name', () => {
    @Projection('members')
    class Members extends DocumentProjection<object> {}
    @Projection('members')
    class OtherMembers extends DocumentProjection<object> {}
    const members = new Members();
    for (const projections of [
      [members, members],
      [members, new OtherMembers()],
    ]) {
      const error = thrown(() => defineEventfoldApp({ domain: { aggregates: [] }, projections }));
      expect(hasErrorCode(error, 'CONFIGURATION_INVALID')).toBe(true);
      expect((error as Error).message).toContain('projection members is registered twice');
    }
  });
});
