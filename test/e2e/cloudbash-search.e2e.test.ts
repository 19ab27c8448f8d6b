import fc from 'fast-check';
import { isISO8601 } from 'class-validator';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cloudbashApp } from '../../examples/cloudbash/cloudbash-app';
import { ConcertScheduled } from '../../examples/cloudbash/concert-events';
import { type ConcertListing, ConcertSearch } from '../../examples/cloudbash/concert-search';
import { CartDocuments } from '../../examples/cloudbash/projections';
import { EventfoldClient } from '../../src/infrastructure/client/eventfold-client';
import { type LocalTestApp, localApp } from '../../src/infrastructure/local/runtime/local-app';
import { PgSqlClient } from '../../src/infrastructure/sql/pg-sql-client';
import { PgliteSqlClient } from '../../src/infrastructure/sql/pglite-sql-client';
import { postgresBinaries, startPostgres } from '../support/postgres-server';
import { percentiles, searchLatency } from '../support/sql/query-latency';
import { cli } from './support/run-cli';

process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';

const names = ['Blue Night', 'Jazz at Noon', 'BLUE MONDAY', 'Requiem', 'Night of Blues'];
const locations = ['Utrecht', 'Gent', 'Amsterdam'];
const concerts = Array.from({ length: 45 }, (_, i) => {
  const day = String(1 + (i % 28)).padStart(2, '0');
  const month = String(1 + Math.floor(i / 28)).padStart(2, '0');
  const id = `con-${String(i).padStart(3, '0')}`;
  return new ConcertScheduled(
    id,
    `${names[i % 5]} ${i}`,
    locations[i % 3]!,
    `2027-${month}-${day}T20:00:00Z`,
    10,
    2500,
  );
});

/** The search's answer, computed from the concerts: name contains (any case), location, [from, to), soonest first. */
function expected(p: { name?: string; location?: string; from?: string; to?: string }): string[] {
  return concerts
    .filter((c) => !p.name || c.name.toLowerCase().includes(p.name.toLowerCase()))
    .filter((c) => !p.location || c.location === p.location)
    .filter((c) => !p.from || Date.parse(c.date) >= Date.parse(p.from))
    .filter((c) => !p.to || Date.parse(c.date) < Date.parse(p.to))
    .sort((a, b) => Date.parse(a.date) - Date.parse(b.date) || (a.concertId < b.concertId ? -1 : 1))
    .map((c) => c.concertId);
}

/** The search's pointer as `GET /projections/cloudbash-concert-search` shows it. */
async function pointerOf(url: string): Promise<unknown> {
  const response = await fetch(`${url}/projections/cloudbash-concert-search`);
  return ((await response.json()) as { pointer: unknown }).pointer;
}

const searches = {
  'name contains "blue"': { name: 'blue' },
  'location Gent, February': { location: 'Gent', from: '2027-02-01T00:00:00Z', to: '2027-03-01T00:00:00Z' },
  'everything, first page': {},
};

describe('Cloudbash concert search: a SQL read model on the local runtime (PGlite under the data dir)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cloudbash-search-'));
  let running: Promise<LocalTestApp> | undefined;
  /** The app, started once with every concert scheduled and projected. */
  const scheduled = () =>
    (running ??= (async () => {
      const app = await localApp(cloudbashApp, { dataDir });
      for (const c of concerts) {
        const { concertId, name, location, date, seats, priceCents } = c;
        await app.command('ScheduleConcert', { concertId, name, location, date, seats, priceCents });
      }
      await app.settled();
      return app;
    })());
  afterAll(async () => {
    await (await running?.catch(() => undefined))?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('schedules concerts, then searches by name, location and dates, page by page, over HTTP', async () => {
    const app = await scheduled();
    const client = new EventfoldClient(app.runtime.url);
    for (const [label, params] of Object.entries(searches)) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.query<ConcertSearch, 'search', ConcertListing>(
          ConcertSearch,
          'search',
          params,
          {
            limit: 4,
            cursor,
          },
        );
        expect(page.rows.length).toBeLessThanOrEqual(4);
        seen.push(...page.rows.map((r) => r.concert_id));
        cursor = page.cursor;
      } while (cursor);
      expect({ label, ids: seen }).toEqual({ label, ids: expected(params) });
    }
    const bad = client.query(ConcertSearch, 'search', { from: 'next tuesday' });
    await expect(bad).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await client.document(CartDocuments, 'Cart#none')).toBeUndefined();
    const times: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      const started = performance.now();
      await client.query(ConcertSearch, 'search', { name: 'blue' }, { limit: 20 });
      times.push(performance.now() - started);
    }
    console.log(
      `concert search over HTTP, local runtime (PGlite), 30 runs: ${JSON.stringify(percentiles(times))} ms`,
    );
  }, 240_000);

  it('pages through the search with the CLI, by cursor and with --all', async () => {
    const { url } = (await scheduled()).runtime;
    const idsOf = (out: string) =>
      out
        .split('\n')
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as ConcertListing).concert_id);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const argv = ['query', 'cloudbash-concert-search', 'search', 'location=Gent', '--limit', '4'];
      const page = await cli(url, ...argv, ...(cursor ? ['--cursor', cursor] : []));
      expect(page.code).toBe(0);
      expect(idsOf(page.out).length).toBeLessThanOrEqual(4);
      seen.push(...idsOf(page.out));
      cursor = /more rows: --cursor (\S+)/.exec(page.err)?.[1];
      pages += 1;
    } while (cursor);
    expect(seen).toEqual(expected({ location: 'Gent' }));
    expect(pages).toBe(Math.ceil(seen.length / 4));
    const all = await cli(
      url,
      'query',
      'cloudbash-concert-search',
      'search',
      'name=blue',
      '--limit',
      '3',
      '--all',
    );
    expect([all.code, idsOf(all.out)]).toEqual([0, expected({ name: 'blue' })]);
  }, 240_000);

  it('answers bad parameters, limits and cursors with the typed 400 and exits 1', async () => {
    const { url } = (await scheduled()).runtime;
    const query = (...argv: string[]) => cli(url, 'query', 'cloudbash-concert-search', 'search', ...argv);
    const refused = async (argv: string[], field: string) => {
      const run = await query(...argv);
      expect({ argv, code: run.code, out: run.out }).toEqual({ argv, code: 1, out: '' });
      expect(run.err).toContain('error: 400 VALIDATION_FAILED');
      expect(run.err).toContain(`"field": ${JSON.stringify(field)}`);
    };
    const text = fc.string({ unit: 'grapheme', maxLength: 40 });
    const notADate = text.filter((t) => !isISO8601(t, { strict: true }));
    const known = ['name', 'location', 'from', 'to', 'cursor', 'limit'];
    const unknownField = fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,15}$/).filter((f) => !known.includes(f));
    const badLimit = fc.oneof(
      fc.integer({ min: -1_000_000, max: 0 }).map(String),
      fc.integer({ min: 101, max: 1_000_000_000 }).map(String),
      text.filter((t) => t.length > 0 && !/^\s*\d+\s*$/.test(t)),
    );
    const runs = { numRuns: 15 };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('from', 'to'), notADate, (f, v) => refused([`${f}=${v}`], f)),
      runs,
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('name', 'location'),
        fc.oneof(fc.constant(''), fc.string({ minLength: 201, maxLength: 400 })),
        (f, v) => refused([`${f}=${v}`], f),
      ),
      runs,
    );
    await fc.assert(
      fc.asyncProperty(unknownField, text, (f, v) => refused([`${f}=${v}`], f)),
      runs,
    );
    await fc.assert(
      fc.asyncProperty(badLimit, (limit) => refused([`--limit=${limit}`], 'limit')),
      runs,
    );
    await fc.assert(
      fc.asyncProperty(
        text.filter((t) => t.length > 0),
        (c) => refused([`--cursor=${c}`], 'cursor'),
      ),
      runs,
    );
  }, 240_000);

  it('rebuilds the search into its standby schema with the CLI, flips, rolls back, and queries follow', async () => {
    const app = await scheduled();
    const { url } = app.runtime;
    const client = new EventfoldClient(url);
    const ids = async () =>
      (await client.query(ConcertSearch, 'search', { name: 'blue' }, { limit: 100 })).rows.map(
        (r) => (r as unknown as ConcertListing).concert_id,
      );
    const before = await ids();
    const rebuilt = await cli(url, 'rebuild', 'cloudbash-concert-search');
    expect({ code: rebuilt.code, err: rebuilt.err }).toEqual({ code: 0, err: '' });
    expect(rebuilt.out).toMatch(/FLIPPED/);
    expect(await pointerOf(url)).toMatchObject({ active: 'green', previous: 'blue' });
    expect(await ids()).toEqual(before);
    // Only the active schema (green) receives it; the rollback levels blue before the queries move back.
    const late = new ConcertScheduled('con-late', 'Blue Late', 'Gent', '2027-03-30T20:00:00Z', 10, 2500);
    await app.command('ScheduleConcert', { ...late });
    await app.settled();
    expect(await ids()).toEqual([...before, 'con-late']);
    const rolled = await cli(url, 'rollback', 'cloudbash-concert-search');
    expect({ code: rolled.code, out: rolled.out }).toMatchObject({
      code: 0,
      out: expect.stringMatching(/blue/),
    });
    expect(await pointerOf(url)).toMatchObject({ active: 'blue', previous: 'green' });
    expect(await ids()).toEqual([...before, 'con-late']);
  }, 240_000);

  it('times the searches on PGlite and, when present, on a PostgreSQL server', async () => {
    const pglite = await PgliteSqlClient.open();
    const figures: Record<string, unknown> = {};
    try {
      figures.pglite = await searchLatency(pglite, concerts, searches, 50);
    } finally {
      await pglite.close();
    }
    if (postgresBinaries()) {
      const server = await startPostgres();
      const pg = await PgSqlClient.connect({ connectionString: server.connectionString });
      try {
        figures[`postgres ${server.version}`] = await searchLatency(pg, concerts, searches, 50);
      } finally {
        await pg.close();
        await server.stop();
      }
    }
    console.log(`concert search latency, 50 runs each, ms (p50/p95):\n${JSON.stringify(figures, null, 2)}`);
    expect(Object.keys(figures).length).toBeGreaterThan(0);
  }, 240_000);
});
