import { IsString } from 'class-validator';
import {
  DataSubject,
  defineDomain,
  DomainEvent,
  encryptField,
  hasErrorCode,
  PersonalData,
  PersonalDataCodec,
  type StoredEvent,
} from '../../../src';
import { InMemorySubjectKeys } from '../../../src/testing';
import { libraryDomain } from '../../../examples/library';

const stored = (data: Record<string, unknown>, version = 1): StoredEvent => ({
  eventId: `e${version}`,
  type: 'MemberRegistered',
  schemaVersion: 1,
  data,
  metadata: {},
  streamId: 'Member#m1',
  version,
  commitId: 'c1',
  committedAt: '2026-01-01T00:00:00.000Z',
});

async function sealedRegistration(codec: PersonalDataCodec, version = 1) {
  const data = { memberId: 'm1', name: 'Ada Lovelace', email: 'ada@example.org' };
  const append = await codec.seal({
    streamId: 'Member#m1',
    expectedVersion: version - 1,
    events: [{ eventId: 'e', type: 'MemberRegistered', schemaVersion: 1, data }],
  });
  return stored(append.events[0]!.data, version);
}

describe('declaring personal data', () => {
  it('refuses a personal field whose subject field is not declared', () => {
    @DomainEvent('test.Orphan')
    class Orphan {
      @IsString() readonly memberId!: string;
      @IsString() @PersonalData({ subject: 'memberId' }) readonly name!: string;
    }
    expect(() => defineDomain({ aggregates: [], events: [Orphan] })).toThrow(
      /test\.Orphan|Orphan\.name is personal data of subject field memberId, which is not declared/,
    );
  });

  it('registers SubjectForgotten and the DataSubject streams only for a domain with personal data', () => {
    expect(libraryDomain.events.has('SubjectForgotten')).toBe(true);
    expect([...(libraryDomain.eventTypesOf('DataSubject') ?? [])]).toEqual(['SubjectForgotten']);
    @DomainEvent('test.Plain')
    class Plain {
      @IsString() @DataSubject() readonly memberId!: string;
    }
    expect(defineDomain({ aggregates: [], events: [Plain] }).events.has('SubjectForgotten')).toBe(false);
  });
});

describe('the personal data codec', () => {
  const codec = () => new PersonalDataCodec(libraryDomain.personal, new InMemorySubjectKeys());

  it('stores no plaintext and reads it back while the key exists', async () => {
    const c = codec();
    const event = await sealedRegistration(c);
    expect(JSON.stringify(event.data)).not.toMatch(/Ada|ada@/);
    expect(event.data.memberId).toBe('m1');
    expect((await c.reveal(event)).data).toEqual({
      memberId: 'm1',
      name: 'Ada Lovelace',
      email: 'ada@example.org',
    });
  });

  it('reads the declared replacement once the subject is forgotten, never an error', async () => {
    const keys = new InMemorySubjectKeys();
    const c = new PersonalDataCodec(libraryDomain.personal, keys);
    const event = await sealedRegistration(c);
    await keys.destroy('m1');
    expect((await c.reveal(event)).data).toEqual({ memberId: 'm1', name: '(forgotten)', email: null });
  });

  it('refuses a ciphertext moved to another version or field (associated data)', async () => {
    const c = codec();
    const event = await sealedRegistration(c);
    const moved = stored(event.data, 2);
    expect((await c.reveal(moved)).data.name).toBe('(forgotten)');
    const swapped = stored({ ...event.data, name: event.data.email, email: event.data.name });
    expect((await c.reveal(swapped)).data).toMatchObject({ name: '(forgotten)', email: null });
  });

  it('refuses a new event carrying the sealed shape in a field (400, nothing sealed)', async () => {
    const c = codec();
    const fake = {
      $subject: 'm1',
      $sealed: encryptField(new Uint8Array(32), { streamId: 'x', version: 1, field: 'f' }, 1),
    };
    const error = await c
      .seal({
        streamId: 'Member#m1',
        expectedVersion: 0,
        events: [
          { eventId: 'e', type: 'BookBorrowed', schemaVersion: 1, data: { memberId: 'm1', bookId: fake } },
        ],
      })
      .catch((e: unknown) => e);
    expect(hasErrorCode(error, 'VALIDATION_FAILED')).toBe(true);
  });

  it('refuses personal data whose subject id is missing, naming the field', async () => {
    const error = await codec()
      .seal({
        streamId: 'Member#m1',
        expectedVersion: 0,
        events: [{ eventId: 'e', type: 'MemberRegistered', schemaVersion: 1, data: { name: 'Ada' } }],
      })
      .catch((e: unknown) => e);
    expect(hasErrorCode(error, 'VALIDATION_FAILED')).toBe(true);
    expect(JSON.stringify(error)).toContain('events[0].data.memberId');
  });

  it('passes events without personal fields through as the same objects', async () => {
    const c = codec();
    const append = {
      streamId: 'Member#m1',
      expectedVersion: 1,
      events: [
        { eventId: 'e', type: 'BookBorrowed', schemaVersion: 1, data: { memberId: 'm1', bookId: 'b' } },
      ],
    };
    expect(await c.seal(append)).toBe(append);
    const plain = stored({ memberId: 'm1', bookId: 'b' });
    expect(await c.reveal(plain)).toBe(plain);
  });
});
