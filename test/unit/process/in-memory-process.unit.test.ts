import { defineEventfoldApp } from '../../../src/aws';
import { inMemoryApp } from '../../../src/testing';
import { HoldExpiry, type HoldExpiryState, holdDomain } from '../../support/process/hold-domain';

const app = () => inMemoryApp(defineEventfoldApp({ domain: holdDomain, processes: [HoldExpiry] }));

async function typesOf(
  events: { readStream(id: string): AsyncIterable<{ type: string }> },
  streamId: string,
) {
  const types: string[] = [];
  for await (const event of events.readStream(streamId)) types.push(event.type);
  return types;
}

describe('process managers in the in-memory app', () => {
  it('expires an unpaid hold when its timer falls due, once', async () => {
    const test = await app();
    await test.command('PlaceHold', { holdId: 'h1', seats: ['A1', 'A2'] });
    await test.advance('14m');
    expect(await typesOf(test.events, 'Hold#h1')).toEqual(['HoldPlaced']);
    await test.advance('1m');
    await test.advance('1h');
    expect(await typesOf(test.events, 'Hold#h1')).toEqual(['HoldPlaced', 'HoldExpired']);
    const state = await test.processes.state<HoldExpiryState>(HoldExpiry, 'h1');
    expect(state).toMatchObject({ completed: true, state: { seats: ['A1', 'A2'] }, timers: {} });
    await test.stop();
  });

  it('never expires a paid hold', async () => {
    const test = await app();
    await test.command('PlaceHold', { holdId: 'h2', seats: ['B1'] });
    await test.command('PayHold', { holdId: 'h2' });
    await test.advance('1h');
    expect(await typesOf(test.events, 'Hold#h2')).toEqual(['HoldPlaced', 'HoldPaid']);
    expect(test.processes.timers.fired()).toEqual([]);
    await test.stop();
  });
});
