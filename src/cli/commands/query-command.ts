import type { Command } from 'commander';
import { ValidationError } from '../../domain/validation-error';
import type { CliIo, EventfoldApi } from '../api-client';

interface QueryOptions {
  readonly limit?: string;
  readonly cursor?: string;
  readonly all?: boolean;
}

/** `field=value` arguments as a query string, with the paging options. */
function searchOf(
  params: readonly string[],
  opts: QueryOptions,
  cursor: string | undefined,
): URLSearchParams {
  const search = new URLSearchParams();
  for (const param of params) {
    const at = param.indexOf('=');
    if (at < 1) throw new ValidationError('arguments', [{ field: param, reasons: ['must be field=value'] }]);
    search.set(param.slice(0, at), param.slice(at + 1));
  }
  if (opts.limit !== undefined) search.set('limit', opts.limit);
  if (cursor !== undefined) search.set('cursor', cursor);
  return search;
}

/** `query`: runs a SQL projection's named query, printing one JSON line per row; the next cursor to stderr. */
export function addQueryCommand(program: Command, api: () => EventfoldApi, io: CliIo): void {
  program
    .command('query')
    .description(
      "run a SQL projection's named query (one JSON line per row), e.g. query concert-search search city=Gent",
    )
    .argument('<projection>')
    .argument('<query>')
    .argument('[params...]', 'the parameters, as field=value')
    .option('--limit <n>', 'rows per page')
    .option('--cursor <cursor>', 'continue after a previous page (same parameters)')
    .option('--all', 'follow the cursor through every page')
    .action(async (projection: string, query: string, params: string[], opts: QueryOptions) => {
      const path = `/projections/${encodeURIComponent(projection)}/queries/${encodeURIComponent(query)}`;
      let cursor = opts.cursor;
      do {
        const page = await api().get<{ rows: unknown[]; cursor?: string }>(
          `${path}?${searchOf(params, opts, cursor).toString()}`,
        );
        for (const row of page.rows) io.out(JSON.stringify(row));
        cursor = page.cursor;
        if (cursor && !opts.all) io.err(`more rows: --cursor ${cursor}`);
      } while (cursor && opts.all);
    });
}
