/**
 * aws-local-stepfunctions 3 calls `Promise.withResolvers`, which Node 20 lacks (it arrived in Node 22).
 * Installs a spec-equivalent version once, before the library is loaded.
 */
export function installPromiseWithResolvers(): void {
  const promiseCtor = Promise as unknown as { withResolvers?: unknown };
  if (typeof promiseCtor.withResolvers === 'function') return;
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value: function withResolvers<T>() {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}
