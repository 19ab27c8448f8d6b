/** What `withoutSdkRequestLogging` needs of a client: its middleware stack. */
interface WithMiddleware {
  readonly middlewareStack: { remove(toRemove: string): boolean };
}

/** The SDK's name for the middleware that hands every request and response to the client's logger. */
const SDK_LOGGER_MIDDLEWARE = 'loggerMiddleware';

/**
 * Removes the SDK's request logging from a client that has no logger of its own. That middleware builds a
 * redacted deep copy of every request and response (through the operation's schema) before it calls the
 * logger, also when the logger is the SDK's default one that drops everything: on a replay that is a copy of
 * every page read and every record batch written, the largest part of the SDK's CPU time and garbage.
 * eventfold logs through its own structured logger instead.
 */
export function withoutSdkRequestLogging<C extends WithMiddleware>(client: C): C {
  client.middlewareStack.remove(SDK_LOGGER_MIDDLEWARE);
  return client;
}
