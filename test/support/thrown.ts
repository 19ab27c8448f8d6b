/** What `run` throws, or undefined when it returns: for asserting on an error's code and context. */
export function thrown(run: () => unknown): unknown {
  try {
    run();
    return undefined;
  } catch (error) {
    return error;
  }
}
