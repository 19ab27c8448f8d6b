/** An error of the local Step Functions endpoint, answered as the JSON 1.0 protocol's `__type` + `message`. */
export class LocalSfnError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = type;
  }
}

/** The ASL uses a resource the local endpoint has no handler for (it never calls real AWS). */
export function unsupportedResource(state: string, resource: string): LocalSfnError {
  return new LocalSfnError(
    'InvalidDefinition',
    `state ${state}: no local handler for resource ${resource}; register it in lambdaHandlers`,
  );
}
