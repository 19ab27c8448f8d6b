import { OnEvent, OnTimer, Process, ProcessManager, processInfoOf, StartedBy } from '../../../src';
import { defineEventfoldApp } from '../../../src/aws';
import { HoldExpiry, HoldPaid, HoldPlaced, holdDomain } from '../../support/process/hold-domain';

describe('process manager decorators', () => {
  it('records the handlers by event type, timer name and refused command', () => {
    const info = processInfoOf(HoldExpiry);
    expect(info.name).toBe('hold-expiry');
    expect([...info.events.keys()]).toEqual(['HoldPlaced', 'HoldPaid', 'HoldExpired']);
    expect(info.events.get('HoldPlaced')).toMatchObject({ starts: true, method: 'placed' });
    expect(info.events.get('HoldPaid')?.key(new HoldPaid('h7'))).toBe('h7');
    expect([...info.timers]).toEqual([['expire', 'expire']]);
    expect([...info.outcomes]).toEqual([['ExpireHold', 'notExpired']]);
  });

  it('refuses a name that cannot name a stream', () => {
    expect(() => ProcessManager('Hold Expiry')).toThrow(
      expect.objectContaining({ code: 'CONFIGURATION_INVALID' }),
    );
    expect(() => OnTimer('')).toThrow(expect.objectContaining({ code: 'CONFIGURATION_INVALID' }));
  });

  it('refuses one event type handled twice', () => {
    expect(() => {
      @ProcessManager('twice')
      class Twice extends Process {
        initialState() {
          return {};
        }
        @StartedBy(HoldPlaced, (e: HoldPlaced) => e.holdId) a() {}
        @OnEvent(HoldPlaced, (e: HoldPlaced) => e.holdId) b() {}
      }
      return Twice;
    }).toThrow(/handles event HoldPlaced twice/);
  });

  it('refuses two process managers with one name in an app', () => {
    expect(() =>
      defineEventfoldApp({ domain: holdDomain, processes: [HoldExpiry, new HoldExpiry()] }),
    ).toThrow(/process manager hold-expiry is registered twice/);
  });

  it('tells an undeclared class apart', () => {
    class Plain {}
    expect(() => processInfoOf(Plain)).toThrow(/not declared with @ProcessManager/);
  });
});
