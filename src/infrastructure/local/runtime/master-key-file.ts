import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the local runtime keeps the master key that wraps subjects' data keys: `<dataDir>/master.key`, so that a
 * restarted runtime reads its data again; a file of its own in the temp folder for an in-memory runtime.
 */
export function masterKeyFileOf(dataDir: string | undefined): string {
  return dataDir ? join(dataDir, 'master.key') : join(tmpdir(), `eventfold-master-${randomUUID()}.key`);
}
