/** What `withCachedMiddleware` needs of a client: its resolved configuration and its middleware stack. */
interface CachingClient {
  readonly config: { cacheMiddleware?: boolean };
  readonly middlewareStack: object;
}

/** The middleware stack's methods that change it (`use` adds through `add` / `addRelativeTo`). */
const MUTATORS = ['add', 'addRelativeTo', 'remove', 'removeByTag'] as const;

/**
 * Lets a client resolve its middleware stack once per command class instead of on every `send` (the SDK's
 * `cacheMiddleware`): every call otherwise builds the whole handler chain anew, closures that live as long as
 * the request, so on a replay (thousands of calls while pages and batches wait on I/O) they are a good part of
 * the garbage that survives into the old generation. A cached chain would not see middleware added later, so
 * the first change to the stack after this turns the cache off for good: such a client resolves per call again.
 */
export function withCachedMiddleware<C extends CachingClient>(client: C): C {
  client.config.cacheMiddleware = true;
  const stack = client.middlewareStack as Record<string, unknown>;
  for (const name of MUTATORS) {
    const original = stack[name];
    if (typeof original !== 'function') continue;
    stack[name] = (...args: unknown[]) => {
      client.config.cacheMiddleware = false;
      return (original as (...a: unknown[]) => unknown).apply(stack, args);
    };
  }
  return client;
}
