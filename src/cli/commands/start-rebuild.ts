import { ErrorCodes } from '../../domain/errors';
import { ApiError, type CliIo, type EventfoldApi } from '../api-client';

/** The most calls `startRebuild` makes while the standby table is still being cleared. */
export const MAX_CLEAR_CALLS = 100;

/** What the API answers when a rebuild starts. */
export interface StartedRebuild {
  readonly rebuildId: string;
  readonly replayId: string;
}

function stillClearing(error: unknown): error is ApiError {
  return (
    error instanceof ApiError &&
    error.status === 503 &&
    (error.body as { code?: string } | undefined)?.code === ErrorCodes.unavailable
  );
}

/**
 * Starts a rebuild. The API clears the standby table within a time budget per call (an API function has 29 s);
 * while it answers 503 `TEMPORARILY_UNAVAILABLE`, the table is not empty yet and the call is made again, up
 * to `MAX_CLEAR_CALLS` times, with a progress line each time.
 */
export async function startRebuild(api: EventfoldApi, path: string, io: CliIo): Promise<StartedRebuild> {
  for (let call = 1; ; call++) {
    try {
      return await api.post<StartedRebuild>(path);
    } catch (error) {
      if (!stillClearing(error) || call >= MAX_CLEAR_CALLS) throw error;
      io.err(`standby table not cleared yet (call ${call}): ${error.message}; calling again`);
    }
  }
}
