import { createHash } from 'node:crypto';

/** The prefix of every process stream's type: `Process.<name>#<key>`. */
export const PROCESS_STREAM_PREFIX = 'Process.';

/** The stream a process instance's state lives in. */
export function processStreamIdOf(process: string, processId: string): string {
  return `${PROCESS_STREAM_PREFIX}${process}#${processId}`;
}

/** True for the stream of a process instance (what projections and the process runner skip). */
export function isProcessStream(streamId: string): boolean {
  return streamId.startsWith(PROCESS_STREAM_PREFIX);
}

/**
 * An id derived from its parts, the same every time: the recorded steps, the commands and the timers of a process
 * get theirs from (process stream, input, index), so a redelivery or a retry after a crash reuses them.
 * @example
 * derivedId('cmd', 'Process.expiry#r1', sourceEventId, 0) // 'cmd-3q2...'
 */
export function derivedId(kind: string, ...parts: ReadonlyArray<string | number>): string {
  const hash = createHash('sha256').update([kind, ...parts].join('\u0000')).digest('base64url');
  return `${kind}-${hash.slice(0, 32)}`;
}
