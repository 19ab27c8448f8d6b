import type { Command } from 'commander';
import type { CliIo, EventfoldApi } from '../api-client';
import { watch } from '../progress';

interface ReplayStatusBody {
  readonly replayId: string;
  readonly state: string;
  readonly eventsPublished: number;
  readonly pages: number;
  readonly error?: string;
}

function modeOf(opts: { since?: string; stream?: string }): Record<string, string> {
  if (opts.since && opts.stream) throw new Error('give --since or --stream, not both');
  if (opts.since) return { kind: 'since', since: opts.since };
  if (opts.stream) return { kind: 'aggregate', streamId: opts.stream };
  return { kind: 'all' };
}

async function totalOf(api: EventfoldApi, mode: Record<string, string>): Promise<number | undefined> {
  if (mode.kind !== 'aggregate') return undefined;
  const { events } = await api.get<{ events: unknown[] }>(`/streams/${encodeURIComponent(mode.streamId!)}`);
  return events.length;
}

/** Waits for a replay with a progress bar and prints its final status. */
export async function watchReplay(
  api: EventfoldApi,
  io: CliIo,
  replayId: string,
  total?: number,
): Promise<ReplayStatusBody> {
  let last: ReplayStatusBody | undefined;
  await watch(io, async () => {
    last = await api.get<ReplayStatusBody>(`/replays/${encodeURIComponent(replayId)}`);
    const label = `${last.state}, ${last.pages} page(s)`;
    return { done: last.state !== 'RUNNING', value: last.eventsPublished, total, label };
  });
  return last!;
}

/** `replay` (with a progress bar) and `replay-status`. */
export function addReplayCommands(program: Command, api: () => EventfoldApi, io: CliIo): void {
  program
    .command('replay')
    .description('replay every event, the events since a time, or one stream onto the replay stream')
    .option('--since <iso>', 'only events committed at or after this UTC time')
    .option('--stream <streamId>', "only this stream's events")
    .option('--no-wait', 'print the replay id and return at once')
    .action(async (opts: { since?: string; stream?: string; wait: boolean }) => {
      const mode = modeOf(opts);
      const { replayId } = await api().post<{ replayId: string }>('/replays', mode);
      io.out(`replay ${replayId} started`);
      if (!opts.wait) return;
      const status = await watchReplay(api(), io, replayId, await totalOf(api(), mode));
      io.out(
        `replay ${replayId} ${status.state}: ${status.eventsPublished} event(s) in ${status.pages} page(s)${status.error ? ` (${status.error})` : ''}`,
      );
      if (status.state !== 'SUCCEEDED') throw new Error(`replay ${replayId} ended ${status.state}`);
    });
  program
    .command('replay-status')
    .description("show a replay's status")
    .argument('<replayId>')
    .action(async (replayId: string) => {
      io.out(JSON.stringify(await api().get(`/replays/${encodeURIComponent(replayId)}`), null, 2));
    });
  program
    .command('replay-cancel')
    .description('cancel a running replay')
    .argument('<replayId>')
    .action(async (replayId: string) => {
      io.out(JSON.stringify(await api().post(`/replays/${encodeURIComponent(replayId)}/cancel`), null, 2));
    });
}
