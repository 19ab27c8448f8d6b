import { validateCommand } from '../../src';
import { forAggregate } from '../../src/testing';
import { Concert, ScheduleConcert, cloudbashDomain } from '.';
import { commands, scheduled } from './fixtures';

describe('Concert', () => {
  it('is scheduled with its seats, all free', () => {
    forAggregate(Concert)
      .given()
      .when(commands.schedule())
      .then(scheduled)
      .thenState((concert) => expect(concert.freeSeats).toBe(10));
  });

  it('refuses to schedule a concert twice', () => {
    forAggregate(Concert)
      .given(scheduled)
      .when(commands.schedule())
      .thenThrows('RULE_VIOLATION', { streamId: 'Concert#k1' });
  });

  it('refuses a concert without seats, with too many or with a date that is no date, naming each field', () => {
    const input = { concertId: 'k1', name: 'x', location: 'y', priceCents: 1 };
    expect(() => validateCommand(ScheduleConcert, { ...input, date: '2026-12-31', seats: 0 })).toThrow(
      /seats: seats must not be less than 1/,
    );
    expect(() => validateCommand(ScheduleConcert, { ...input, date: '2026-12-31', seats: 5_001 })).toThrow(
      /seats: seats must not be greater than 5000/,
    );
    expect(() => validateCommand(ScheduleConcert, { ...input, date: 'soon', seats: 1 })).toThrow(/date/);
  });

  it('reads its events back from storage', () => {
    const stored = JSON.parse(JSON.stringify(cloudbashDomain.events.serialize(scheduled)));
    expect(cloudbashDomain.events.deserialize(stored)).toEqual(scheduled);
  });
});
