/** The prefix of every process stream's type: `Process.<name>#<key>`. */
export const PROCESS_STREAM_PREFIX = 'Process.';

/** The stream a process manager instance's state lives in. */
export function processStreamIdOf(process: string, processId: string): string {
  return `${PROCESS_STREAM_PREFIX}${process}#${processId}`;
}

/** True for the stream of a process instance (what projections and process runners pass by). */
export function isProcessStream(streamId: string): boolean {
  return streamId.startsWith(PROCESS_STREAM_PREFIX);
}
