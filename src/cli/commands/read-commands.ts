import type { Command } from 'commander';
import type { CliIo, EventfoldApi } from '../api-client';

interface ShownEvent {
  readonly version: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly committedAt: string;
  readonly data: unknown;
}

interface RowPageAnswer {
  readonly rows: readonly { key: string; row: unknown }[];
  readonly cursor?: string;
}

/** Reads every page of rows (or one, from `--cursor`), printing one JSON line per row; the next cursor to stderr. */
async function printRows(
  api: EventfoldApi,
  io: CliIo,
  projection: string,
  opts: { prefix?: string; limit?: string; cursor?: string; all?: boolean },
): Promise<void> {
  let cursor = opts.cursor;
  do {
    const query = new URLSearchParams();
    if (opts.prefix !== undefined) query.set('prefix', opts.prefix);
    if (opts.limit !== undefined) query.set('limit', opts.limit);
    if (cursor !== undefined) query.set('cursor', cursor);
    const page = await api.get<RowPageAnswer>(`/projections/${encodeURIComponent(projection)}/rows?${query}`);
    for (const { key, row } of page.rows) io.out(JSON.stringify({ key, ...(row as object) }));
    cursor = page.cursor;
    if (cursor && !opts.all) io.err(`more rows: --cursor ${cursor}`);
  } while (cursor && opts.all);
}

/** `stream`, `document`, `row` and `rows`: reading events and read models. */
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
  program
    .command('row')
    .description('read one row of a row projection by key')
    .argument('<projection>')
    .argument('<key>')
    .action(async (projection: string, key: string) => {
      const path = `/projections/${encodeURIComponent(projection)}/rows/${encodeURIComponent(key)}`;
      io.out(JSON.stringify(await api().get(path), null, 2));
    });
  program
    .command('rows')
    .description("list a row projection's rows (one JSON line each), by key prefix")
    .argument('<projection>')
    .option('--prefix <prefix>', 'only rows whose key starts with this')
    .option('--limit <n>', 'rows per page (1-1000)')
    .option('--cursor <cursor>', 'continue after a previous page')
    .option('--all', 'follow the cursor through every page')
    .action((projection: string, opts: { prefix?: string; limit?: string; cursor?: string; all?: boolean }) =>
      printRows(api(), io, projection, opts),
    );
}
