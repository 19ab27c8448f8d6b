/** The middleware-stack methods that change what a client's requests go through. */
const STACK_CHANGES = ['add', 'addRelativeTo', 'use', 'remove', 'removeByTag'] as const;

type StackChange = (typeof STACK_CHANGES)[number];

/** What `withMiddlewareCache` needs of a client: its settings and its middleware stack. */
interface CacheableClient {
  readonly config: { cacheMiddleware?: boolean };
  readonly middlewareStack: Record<StackChange, (...args: never[]) => unknown>;
}

/**
 * Turns on the SDK's `cacheMiddleware` setting: the client resolves its middleware stack once per command
 * class instead of on every request, which without it merges, sorts and wires the whole stack again for each
 * call (about a quarter of the SDK's own CPU time on a `PutItem`). The SDK's catch is that middleware added or
 * removed after the first request would be ignored; here any such change switches the cache off for good on
 * that client, so the change takes effect from the next request on, as on a client without the cache.
 */
export function withMiddlewareCache<C extends CacheableClient>(client: C): C {
  client.config.cacheMiddleware = true;
  const stack = client.middlewareStack;
  for (const name of STACK_CHANGES) {
    const change = stack[name].bind(stack);
    stack[name] = (...args: never[]) => {
      client.config.cacheMiddleware = false;
      return change(...args);
    };
  }
  return client;
}
