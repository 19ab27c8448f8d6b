import { Expose } from 'class-transformer';
import { IsString, MaxLength } from 'class-validator';
import {
  type ApplyContext,
  DocumentProjection,
  DomainEvent,
  EventRegistry,
  On,
  Projection,
  sql,
  SqlProjection,
  sqlQuery,
  type SqlWriter,
} from '../../src';

/* The read-model suite's events and its two projections of them: the same account view as a DynamoDB document and as a SQL row. */

/** An account was opened for an owner. */
@DomainEvent('RmAccountOpened')
export class AccountOpened {
  @Expose() owner!: string;
  constructor(owner: string) {
    this.owner = owner;
  }
}

/** Money came in. */
@DomainEvent('RmDeposited')
export class Deposited {
  @Expose() amount!: number;
  constructor(amount: number) {
    this.amount = amount;
  }
}

/** The suite's event registry. */
export function readModelRegistry(): EventRegistry {
  return new EventRegistry().register(AccountOpened, Deposited).seal();
}

interface AccountDoc {
  owner: string;
  balance: number;
  movements: number;
}

/** One DynamoDB document per account. */
@Projection('rm-account-docs')
export class AccountDocs extends DocumentProjection<AccountDoc> {
  @On(AccountOpened) opened(_: AccountDoc | undefined, e: AccountOpened): AccountDoc {
    return { owner: e.owner, balance: 0, movements: 0 };
  }

  @On(Deposited) deposited(view: AccountDoc | undefined, e: Deposited): AccountDoc {
    const base = view ?? { owner: '?', balance: 0, movements: 0 };
    return { ...base, balance: base.balance + e.amount, movements: base.movements + 1 };
  }
}

/** The named query's parameters. */
export class ByOwner {
  @IsString() @MaxLength(64) owner!: string;
}

/** One SQL row per account (one statement per event, as the document projection writes one item), searchable by owner. */
@Projection('rm-account-rows')
export class AccountRows extends SqlProjection {
  readonly migrations = [
    {
      version: 1,
      up: [
        sql`CREATE TABLE accounts (stream_id text PRIMARY KEY, owner text NOT NULL, balance integer NOT NULL, movements integer NOT NULL)`,
        sql`CREATE INDEX accounts_by_owner ON accounts (owner, balance DESC, stream_id)`,
      ],
    },
  ];

  override readonly queries = {
    byOwner: sqlQuery({
      params: ByOwner,
      orderBy: [{ column: 'balance', descending: true }, 'stream_id'],
      select: (p: ByOwner) => sql`SELECT stream_id, balance FROM accounts WHERE owner = ${p.owner}`,
    }),
  };

  @On(AccountOpened) opened(e: AccountOpened, db: SqlWriter, ctx: ApplyContext) {
    db.run(sql`INSERT INTO accounts (stream_id, owner, balance, movements) VALUES (${ctx.streamId}, ${e.owner}, 0, 0)
      ON CONFLICT (stream_id) DO UPDATE SET owner = EXCLUDED.owner`);
  }

  @On(Deposited) deposited(e: Deposited, db: SqlWriter, ctx: ApplyContext) {
    db.run(sql`INSERT INTO accounts (stream_id, owner, balance, movements) VALUES (${ctx.streamId}, '?', ${e.amount}, 1)
      ON CONFLICT (stream_id) DO UPDATE SET balance = accounts.balance + EXCLUDED.balance, movements = accounts.movements + 1`);
  }
}
