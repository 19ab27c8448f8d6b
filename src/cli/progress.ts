import { SingleBar } from 'cli-progress';
import type { CliIo } from './api-client';

/** What a watched job reports on each poll. */
export interface JobProgress {
  readonly done: boolean;
  readonly value: number;
  /** Known total, if any; without one the bar runs one step ahead of the value until the job is done. */
  readonly total?: number;
  readonly label: string;
}

const totalOf = (p: JobProgress) => p.total ?? (p.done ? p.value : p.value + 1);

function barOn(io: CliIo): SingleBar | undefined {
  if (!io.progressStream) return undefined;
  const tty = (io.progressStream as { isTTY?: boolean }).isTTY === true;
  const format = ' {bar} {value}/{total} events | {label}';
  // Off a terminal the bar prints a line per update instead of redrawing one.
  return new SingleBar({
    stream: io.progressStream,
    format,
    hideCursor: tty,
    noTTYOutput: !tty,
    notTTYSchedule: 1000,
  });
}

/**
 * Polls a job until it is done, drawing a progress bar (cli-progress) when the CLI writes to a terminal.
 * @returns the last progress seen.
 */
export async function watch(
  io: CliIo,
  poll: () => Promise<JobProgress>,
  intervalMs = 500,
  timeoutMs = 600_000,
): Promise<JobProgress> {
  const bar = barOn(io);
  let progress = await poll();
  bar?.start(totalOf(progress), progress.value, { label: progress.label });
  const deadline = Date.now() + timeoutMs;
  while (!progress.done) {
    if (Date.now() > deadline) throw new Error(`still running after ${timeoutMs} ms: ${progress.label}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    progress = await poll();
    bar?.setTotal(totalOf(progress));
    bar?.update(progress.value, { label: progress.label });
  }
  bar?.stop();
  return progress;
}
