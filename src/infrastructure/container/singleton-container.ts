import type { Container } from 'inversify';
import { ConfigurationError } from '../../domain/domain-errors';

type Factory = (context: { get<U>(id: symbol): U }) => unknown;

/**
 * A container of singletons: binds a token to a value or to a factory run once, resolves, and tells what is bound.
 * That is all of inversify's `Container` the binders of the roles that run none of the app's code use (the stream
 * forwarder, the replay iterator), so their functions are built on it and leave inversify out of their bundles
 * (about 55 KB, and a tenth of a minimal function's init CPU). Roles that run the app keep inversify: the app's
 * own bindings are inversify's.
 */
export class SingletonContainer {
  private readonly factories = new Map<symbol, Factory>();
  private readonly built = new Map<symbol, unknown>();

  bind(id: symbol) {
    return {
      toConstantValue: (value: unknown): void => {
        this.factories.set(id, () => value);
      },
      toDynamicValue: (factory: Factory) => {
        this.factories.set(id, factory);
        return { inSingletonScope: (): void => undefined };
      },
    };
  }

  get<T>(id: symbol): T {
    if (this.built.has(id)) return this.built.get(id) as T;
    const factory = this.factories.get(id);
    if (!factory) throw new ConfigurationError(`nothing is bound to ${String(id)}`, { token: String(id) });
    const value = factory(this);
    this.built.set(id, value);
    return value as T;
  }

  isBound(id: symbol): boolean {
    return this.factories.has(id);
  }

  /** This container where a binder takes inversify's: it calls only `bind(...).toConstantValue`, `toDynamicValue(...).inSingletonScope`, `get` and `isBound`. */
  asContainer(): Container {
    return this as unknown as Container;
  }
}
