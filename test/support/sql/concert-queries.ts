import type { APIGatewayProxyEvent } from 'aws-lambda';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { defaultApiLimits, type ApiServices } from '../../../src/infrastructure/http/api-ports';
import { handleHttpRequest } from '../../../src/infrastructure/http/handle-http';
import { PgliteSqlClient } from '../../../src/infrastructure/sql/pglite-sql-client';
import { sqlQuery } from '../../../src/projections/sql/sql-query';
import { SqlQueryRunner } from '../../../src/projections/sql/sql-query-runner';
import { SqlReadModelReader } from '../../../src/projections/sql/sql-read-model-reader';
import { SqlReadModelStore } from '../../../src/projections/sql/sql-read-model-store';
import { sql } from '../../../src/projections/sql/sql-template';

/** The parameters of the test's search: each optional, each bounded. */
export class SearchConcerts {
  @IsOptional() @IsString() @MaxLength(100) name?: string;
  @IsOptional() @IsString() @MaxLength(100) city?: string;
  @IsOptional() @IsInt() @Min(0) @Max(1_000_000) minSeats?: number;
}

export interface ConcertRow {
  id: string;
  name: string;
  city: string;
  day: number;
  seats: number;
}

export const search = sqlQuery({
  params: SearchConcerts,
  orderBy: ['day', { column: 'id', descending: true }],
  maxPageSize: 100,
  select: (p: SearchConcerts) => sql`SELECT id, name, city, day, seats FROM concerts
    WHERE (${p.name ?? null}::text IS NULL OR strpos(lower(name), lower(${p.name ?? null}::text)) > 0)
      AND (${p.city ?? null}::text IS NULL OR city = ${p.city ?? null}::text)
      AND (${p.minSeats ?? null}::int IS NULL OR seats >= ${p.minSeats ?? null}::int)`,
});

/** The reference: the rows the search must return, in its order. */
export function expected(rows: readonly ConcertRow[], p: SearchConcerts): ConcertRow[] {
  return rows
    .filter((r) => p.name === undefined || r.name.toLowerCase().includes(p.name.toLowerCase()))
    .filter((r) => p.city === undefined || r.city === p.city)
    .filter((r) => p.minSeats === undefined || r.seats >= p.minSeats)
    .sort((a, b) => a.day - b.day || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

const target = { projection: 'concerts', slot: 'blue' as const };

/** A PGlite database holding the `concerts` projection, its query runner, and the HTTP API over it. */
export async function concertDatabase() {
  const client = await PgliteSqlClient.open();
  const migrations = [
    {
      version: 1,
      up: sql`CREATE TABLE concerts (id text PRIMARY KEY, name text NOT NULL, city text NOT NULL,
        day integer NOT NULL, seats integer NOT NULL)`,
    },
  ];
  const store = new SqlReadModelStore(client, [{ name: 'concerts', migrations }]);
  const schema = await store.ensure(target);
  const reader = new SqlReadModelReader(client, (t) => store.schemaOf(t));
  const runner = new SqlQueryRunner(new Map([['concerts', { search }]]), reader, async () => target);
  const services = {
    projections: ['concerts'],
    limits: defaultApiLimits,
    sqlQueries: runner,
  } as unknown as ApiServices;
  const insert = async (rows: readonly ConcertRow[]) => {
    for (const r of rows)
      await client.query({
        text: `INSERT INTO "${schema}".concerts (id, name, city, day, seats) VALUES ($1, $2, $3, $4, $5)`,
        values: [r.id, r.name, r.city, r.day, r.seats],
      });
  };
  const clear = () => client.query({ text: `DELETE FROM "${schema}".concerts` });
  const get = async (query: Record<string, string>, name = 'search') => {
    const event = {
      httpMethod: 'GET',
      path: `/projections/concerts/queries/${encodeURIComponent(name)}`,
      body: null,
      headers: {},
      queryStringParameters: query,
      requestContext: { requestId: 'test' },
    } as unknown as APIGatewayProxyEvent;
    const result = await handleHttpRequest(event, { services, log: { error: () => undefined } });
    return { status: result.statusCode, body: JSON.parse(result.body) as Record<string, any> };
  };
  return { client, runner, insert, clear, get, close: () => client.close() };
}
