import { AggregateRepository, CommandBus, dispatchOnce } from '../../../src';
import { InMemoryEventStore } from '../../../src/testing';
import { holdDomain } from '../../support/process/hold-domain';

async function setup() {
  const store = new InMemoryEventStore();
  const bus = new CommandBus(holdDomain, new AggregateRepository(store, undefined, holdDomain));
  await bus.dispatch('PlaceHold', { holdId: 'h1', seats: ['A1'] });
  const types = async () => {
    const found: string[] = [];
    for await (const e of store.readStream('Hold#h1')) found.push(`${e.type}/${e.eventId}`);
    return found;
  };
  return { store, bus, types };
}

describe('dispatching a command with a derived id', () => {
  it('stores its events under ids derived from the command id', async () => {
    const { bus, types } = await setup();
    await bus.dispatch('ExpireHold', { holdId: 'h1' }, { commandId: 'cmd-x' });
    expect((await types())[1]).toBe('HoldExpired/cmd-x:0');
  });

  it('takes effect once when sent again, even when the second run is refused', async () => {
    const { store, bus, types } = await setup();
    const command = { commandId: 'cmd-y', name: 'ExpireHold', input: { holdId: 'h1' } };
    const first = await dispatchOnce(bus, store, holdDomain, command, {});
    const again = await dispatchOnce(bus, store, holdDomain, command, {});
    expect([first.status, again.status]).toEqual(['accepted', 'accepted']);
    expect(await types()).toHaveLength(2);
  });

  it('reports a refusal of a command that never took effect as rejected', async () => {
    const { store, bus } = await setup();
    await bus.dispatch('PayHold', { holdId: 'h1' });
    const command = { commandId: 'cmd-z', name: 'ExpireHold', input: { holdId: 'h1' } };
    const end = await dispatchOnce(bus, store, holdDomain, command, {});
    expect(end).toMatchObject({
      status: 'rejected',
      error: { code: 'RULE_VIOLATION', message: 'hold is paid' },
    });
  });
});
