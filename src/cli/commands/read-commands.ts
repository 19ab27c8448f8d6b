import type { Command } from 'commander';
import type { CliIo, EventfoldApi } from '../api-client';

interface ShownEvent {
  readonly version: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly committedAt: string;
  readonly data: unknown;
}

/** `stream` and `document`: reading events and read models. */
export function addReadCommands(program: Command, api: () => EventfoldApi, io: CliIo): void {
  program
    .command('stream')
    .description("show a stream's events")
    .argument('<streamId>', 'e.g. Order#42')
    .option('--json', 'print the events as JSON')
    .action(async (streamId: string, opts: { json?: boolean }) => {
      const { events } = await api().get<{ events: ShownEvent[] }>(
        `/streams/${encodeURIComponent(streamId)}`,
      );
      if (opts.json) return io.out(JSON.stringify(events, null, 2));
      io.out(`${streamId}: ${events.length} event(s)`);
      for (const e of events) {
        io.out(
          `  v${e.version}  ${e.committedAt}  ${e.type} (v${e.schemaVersion})  ${JSON.stringify(e.data)}`,
        );
      }
    });
  program
    .command('document')
    .description("read a projection's document for a stream")
    .argument('<projection>')
    .argument('<streamId>')
    .action(async (projection: string, streamId: string) => {
      const path = `/projections/${encodeURIComponent(projection)}/documents/${encodeURIComponent(streamId)}`;
      io.out(JSON.stringify(await api().get(path), null, 2));
    });
}
