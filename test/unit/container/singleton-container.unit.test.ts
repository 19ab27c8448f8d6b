import { hasErrorCode } from '../../../src';
import { provide, token } from '../../../src/infrastructure/container/tokens';
import { SingletonContainer } from '../../../src/infrastructure/container/singleton-container';

const Config = token<{ name: string }>('test.singleton.config');
const Service = token<{ config: { name: string }; n: number }>('test.singleton.service');
const Missing = token<unknown>('test.singleton.missing');

describe('the singleton container of the app-free functions', () => {
  it('builds a factory once, on first use, with its dependencies, as inversify does in singleton scope', () => {
    const light = new SingletonContainer();
    const container = light.asContainer();
    let builds = 0;
    container.bind(Config).toConstantValue({ name: 'c' });
    provide(container, Service, (get) => ({ config: get(Config), n: (builds += 1) }));
    expect(builds).toBe(0);
    const first = container.get(Service);
    expect(container.get(Service)).toBe(first);
    expect(first).toEqual({ config: { name: 'c' }, n: 1 });
    expect([Config, Service, Missing].map((id) => container.isBound(id))).toEqual([true, true, false]);
  });

  it('refuses a token nothing is bound to with a configuration error naming it', () => {
    const container = new SingletonContainer().asContainer();
    let thrown: unknown;
    try {
      container.get(Missing);
    } catch (error) {
      thrown = error;
    }
    expect(hasErrorCode(thrown, 'CONFIGURATION_INVALID')).toBe(true);
    expect(String((thrown as Error).message)).toContain('test.singleton.missing');
  });
});
