import { processSpec } from '../../../src/testing';
import { ExpireHold, HoldExpiry, HoldPaid, HoldPlaced, holdDomain } from '../../support/process/hold-domain';

describe('processSpec', () => {
  it('schedules the expiry when a hold is placed', async () => {
    await processSpec(HoldExpiry, { domain: holdDomain })
      .when(new HoldPlaced('h1', ['A1']))
      .then({ commands: [], timers: [{ name: 'expire', after: '15m' }], state: { seats: ['A1'] } });
  });

  it('cancels the expiry and completes when the hold is paid', async () => {
    await processSpec(HoldExpiry, { domain: holdDomain })
      .given(new HoldPlaced('h1', ['A1']))
      .when(new HoldPaid('h1'))
      .then({ commands: [], cancelled: ['expire'], completed: true });
  });

  it('dispatches the expiry once when its timer falls due', async () => {
    await processSpec(HoldExpiry, { domain: holdDomain })
      .given(new HoldPlaced('h1', ['A1']))
      .advance('15m')
      .then({ commands: [new ExpireHold('h1')] });
  });

  it('fires nothing before the timer is due', async () => {
    await processSpec(HoldExpiry, { domain: holdDomain })
      .given(new HoldPlaced('h1', ['A1']))
      .advance('14m')
      .then({ commands: [], completed: false });
  });

  it('never fires a cancelled timer', async () => {
    await processSpec(HoldExpiry, { domain: holdDomain })
      .given(new HoldPlaced('h1', ['A1']), new HoldPaid('h1'))
      .advance('1h')
      .then({ commands: [] });
  });

  it('hands a refused command back to the process as a typed outcome', async () => {
    await processSpec(HoldExpiry, { domain: holdDomain })
      .given(new HoldPlaced('h1', ['A1']))
      .refusing(ExpireHold, 'hold is paid')
      .advance('15m')
      .then({ completed: true, state: { seats: ['A1'], refused: 'hold is paid' } });
  });
});
