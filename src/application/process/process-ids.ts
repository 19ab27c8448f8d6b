import { createHash } from 'node:crypto';

/**
 * An id derived from its parts, the same every time: the recorded steps, the commands and the timers of a process
 * get theirs from (process stream, input, index), so a redelivery or a retry after a crash reuses them.
 * @example
 * derivedId('cmd', 'Process.expiry#r1', sourceEventId, 0) // 'cmd-3q2...'
 */
export function derivedId(kind: string, ...parts: ReadonlyArray<string | number>): string {
  const hash = createHash('sha256')
    .update([kind, ...parts].join('\u0000'))
    .digest('base64url');
  return `${kind}-${hash.slice(0, 32)}`;
}
