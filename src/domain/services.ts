import { ConfigurationError } from './domain-errors';

/** What names a service: its class (abstract too) or a symbol the app binds it under. */
export type ServiceId<T> = (abstract new (...args: never[]) => T) | (symbol & { readonly __service?: T });

/**
 * The user's services, as a command handler sees them: the composition root resolves them from the app's own
 * bindings (an inversify container on AWS and in the in-memory app), while the domain stays free of inversify.
 * Command handlers decide synchronously, so a service they use answers synchronously (a price list, a clock, a
 * policy); an external call belongs in the caller or in a projection's side effect.
 */
export interface Services {
  get<T>(id: ServiceId<T>): T;
}

/** The services of an app that registers none: asking for one is a configuration error naming it. */
export const noServices: Services = {
  get(id) {
    const name = typeof id === 'symbol' ? String(id) : id.name;
    throw new ConfigurationError(`no service ${name} is bound: register it in the app's bindings`, {
      service: name,
    });
  },
};
