/** One way of appending events to a stream, measured side by side with the others. */
export interface AppendSubject {
  readonly name: string;
  /** Appends `count` events to `stream`, which is at `expectedVersion`. */
  append(stream: string, expectedVersion: number, count: number): Promise<void>;
  /** CPU time the subject's own DynamoDB Local has used so far, in ms, when it can be read. */
  serverCpuMs?(): number | undefined;
}

/** The payload every subject writes: the same size and shape for all. */
export function benchPayload(i: number): Record<string, unknown> {
  return { orderId: `o-${i}`, amount: i % 1000, currency: 'EUR', note: 'x'.repeat(200) };
}
