import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CheckpointStore } from './event-source-mapping-types';

/** Checkpoints kept in memory: a restart starts every shard from its beginning. */
export function memoryCheckpoints(): CheckpointStore {
  const positions = new Map<string, string>();
  return { get: (key) => positions.get(key), set: (key, seq) => void positions.set(key, seq) };
}

/**
 * Checkpoints kept in a JSON file (written atomically on every change), so that a runtime restarted on the same data
 * folder resumes each shard after the last record it processed.
 */
export function fileCheckpoints(file: string): CheckpointStore {
  const positions: Record<string, string> = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)
    : {};
  mkdirSync(dirname(file), { recursive: true });
  return {
    get: (key) => positions[key],
    set(key, seq) {
      positions[key] = seq;
      writeFileSync(`${file}.tmp`, JSON.stringify(positions, null, 2));
      renameSync(`${file}.tmp`, file);
    },
  };
}
