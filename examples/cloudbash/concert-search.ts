import { IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import { On, Projection, sql, SqlProjection, sqlQuery, type SqlWriter } from '../../src';
import { ConcertScheduled } from './concert-events';

/** What the concert search takes: each filter optional, each bounded like the event's fields. */
export class SearchConcerts {
  /** Part of the name, any case. */
  @IsOptional() @IsString() @Length(1, 200) name?: string;
  /** The location, exactly. */
  @IsOptional() @IsString() @Length(1, 200) location?: string;
  /** From this time on (inclusive). */
  @IsOptional() @IsISO8601({ strict: true }) from?: string;
  /** Before this time (exclusive). */
  @IsOptional() @IsISO8601({ strict: true }) to?: string;
}

/** One concert as the search returns it. */
export interface ConcertListing {
  readonly concert_id: string;
  readonly name: string;
  readonly location: string;
  readonly starts_at: string;
  readonly seats: number;
  readonly price_cents: number;
}

/**
 * The concert programme in PostgreSQL (PGlite locally, Aurora on AWS), searchable by name (contains, any case),
 * location and date range, soonest first: the read side the seed keeps in a relational database.
 */
@Projection('cloudbash-concert-search')
export class ConcertSearch extends SqlProjection {
  readonly migrations = [
    {
      version: 1,
      up: [
        sql`CREATE TABLE concerts (concert_id text PRIMARY KEY, name text NOT NULL, location text NOT NULL,
          starts_at timestamptz NOT NULL, seats integer NOT NULL, price_cents integer NOT NULL)`,
        sql`CREATE INDEX concerts_by_time ON concerts (starts_at, concert_id)`,
        sql`CREATE INDEX concerts_by_location ON concerts (location, starts_at, concert_id)`,
      ],
    },
  ];

  override readonly queries = {
    search: sqlQuery({
      params: SearchConcerts,
      orderBy: ['starts_at', 'concert_id'],
      maxPageSize: 100,
      select: (p: SearchConcerts) => sql`SELECT concert_id, name, location, starts_at, seats, price_cents
        FROM concerts
        WHERE (${p.name ?? null}::text IS NULL OR strpos(lower(name), lower(${p.name ?? null}::text)) > 0)
          AND (${p.location ?? null}::text IS NULL OR location = ${p.location ?? null}::text)
          AND (${p.from ?? null}::timestamptz IS NULL OR starts_at >= ${p.from ?? null}::timestamptz)
          AND (${p.to ?? null}::timestamptz IS NULL OR starts_at < ${p.to ?? null}::timestamptz)`,
    }),
  };

  @On(ConcertScheduled) scheduled(e: ConcertScheduled, db: SqlWriter) {
    db.run(sql`INSERT INTO concerts (concert_id, name, location, starts_at, seats, price_cents)
      VALUES (${e.concertId}, ${e.name}, ${e.location}, ${e.date}::timestamptz, ${e.seats}, ${e.priceCents})
      ON CONFLICT (concert_id) DO NOTHING`);
  }
}
