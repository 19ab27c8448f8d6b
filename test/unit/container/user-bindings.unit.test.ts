import { Expose } from 'class-transformer';
import { IsString } from 'class-validator';
import { ContainerModule, injectable } from 'inversify';
import {
  Aggregate,
  AggregateId,
  AggregateRoot,
  Apply,
  Command,
  CommandHandler,
  type CommandContext,
  DomainEvent,
} from '../../../src';
import { configFromEnv } from '../../../src/infrastructure/config';
import {
  createEventfoldContainer,
  defineEventfoldApp,
  HttpTokens,
  ProjectionTokens,
  resolve,
  UserTokens,
  WriteTokens,
} from '../../../src/infrastructure/container';
import { forAggregate } from '../../../src/testing/aggregate-spec';
import { InMemoryEventStore, InMemorySnapshotStore } from '../../../src/testing/in-memory-event-store';
import { examplesDomain } from '../../../examples';
import { Mailer, OrderConfirmations, ordersBindings, OutboxMailer } from '../../../examples/orders';
import { OrderDocuments } from '../../../examples/orders/projections';

process.env.POWERTOOLS_METRICS_DISABLED = 'true';

const config = {
  ...configFromEnv({}),
  endpoints: { region: 'us-east-1', dynamodb: 'http://127.0.0.1:1', kinesis: 'http://127.0.0.1:1' },
  deadLetterQueueUrl: 'http://127.0.0.1:1/queue/dlq',
};

/** A price list a command handler asks the container for. */
abstract class PriceList {
  abstract priceOf(sku: string): number;
}

@injectable()
class FixedPrices extends PriceList {
  priceOf(): number {
    return 10;
  }
}

@DomainEvent('QuotePriced', 1)
class QuotePriced {
  @Expose() quoteId!: string;
  @Expose() price!: number;
}

@Command('PriceQuote')
class PriceQuote {
  @AggregateId() @IsString() quoteId!: string;
  @IsString() sku!: string;
}

@AggregateRoot('Quote')
class Quote extends Aggregate {
  price = 0;

  @CommandHandler(PriceQuote, { creates: true })
  priced(cmd: PriceQuote, ctx: CommandContext): void {
    this.apply(
      Object.assign(new QuotePriced(), {
        quoteId: cmd.quoteId,
        price: ctx.services.get(PriceList).priceOf(cmd.sku),
      }),
    );
  }

  @Apply(QuotePriced)
  onPriced(e: QuotePriced): void {
    this.price = e.price;
  }
}

/** Counts the mailers built, to show which role builds what. */
let built = 0;
@injectable()
class CountingMailer extends Mailer {
  constructor() {
    super();
    built += 1;
  }
  async send(): Promise<void> {}
}

const ordersApp = (bindings = ordersBindings) =>
  defineEventfoldApp({
    domain: examplesDomain,
    projections: [new OrderDocuments(), OrderConfirmations],
    bindings,
  });

describe("the user's code in the container", () => {
  it('builds a projection class with its injected service once per container; instances keep working', () => {
    const container = createEventfoldContainer({ app: ordersApp(), config });
    const projections = resolve(container, UserTokens.projections);
    expect(projections.map((p) => p.constructor)).toEqual([OrderDocuments, OrderConfirmations]);
    const confirmations = projections[1] as unknown as { mailer: Mailer };
    expect(confirmations.mailer).toBeInstanceOf(OutboxMailer);
    expect(confirmations.mailer).toBe(container.get(Mailer));
    expect(resolve(container, UserTokens.projections)[1]).toBe(projections[1]);
    expect(resolve(container, ProjectionTokens.consumerDeps).runner.projectionNames()).toEqual([
      'order-documents',
      'order-confirmations',
    ]);
  });

  it("builds the user's services only in the role that uses them", () => {
    built = 0;
    const counting = new ContainerModule(({ bind }) => {
      bind(Mailer).to(CountingMailer).inSingletonScope();
    });
    const container = createEventfoldContainer({ app: ordersApp(counting), config });
    expect(resolve(container, HttpTokens.deps).services.commands).toBeDefined();
    expect(built).toBe(0);
    resolve(container, ProjectionTokens.consumerDeps).runner.projectionNames();
    expect(built).toBe(1);
  });

  it('lets a test swap one of the services for a fake by rebinding it', () => {
    const container = createEventfoldContainer({ app: ordersApp(), config });
    const fake = { send: jest.fn(async () => undefined) };
    container.rebindSync(Mailer).toConstantValue(fake);
    const confirmations = resolve(container, UserTokens.projections)[1] as unknown as { mailer: Mailer };
    expect(confirmations.mailer).toBe(fake);
  });

  it('hands a command handler the services an aggregate spec is given', () => {
    forAggregate(Quote)
      .withServices([[PriceList, new FixedPrices()]])
      .when(Object.assign(new PriceQuote(), { quoteId: 'q', sku: 'a' }))
      .then(Object.assign(new QuotePriced(), { quoteId: 'q', price: 10 }));
  });

  it("gives command handlers the app's services through ctx.services, and names a missing one", async () => {
    const prices = new ContainerModule(({ bind }) => {
      bind(PriceList).to(FixedPrices);
    });
    const app = defineEventfoldApp({ domain: { aggregates: [Quote] }, bindings: prices });
    const container = createEventfoldContainer({ app, config });
    container.rebindSync(WriteTokens.eventStore).toConstantValue(new InMemoryEventStore());
    container.rebindSync(WriteTokens.snapshotStore).toConstantValue(new InMemorySnapshotStore());
    const outcome = await resolve(container, WriteTokens.commandBus).dispatch('PriceQuote', {
      quoteId: 'q1',
      sku: 'a',
    });
    expect(outcome.events[0]!.data).toEqual({ quoteId: 'q1', price: 10 });
    const bare = createEventfoldContainer({
      app: defineEventfoldApp({ domain: { aggregates: [Quote] } }),
      config,
    });
    bare.rebindSync(WriteTokens.eventStore).toConstantValue(new InMemoryEventStore());
    bare.rebindSync(WriteTokens.snapshotStore).toConstantValue(new InMemorySnapshotStore());
    await expect(
      resolve(bare, WriteTokens.commandBus).dispatch('PriceQuote', { quoteId: 'q2', sku: 'a' }),
    ).rejects.toThrow(/PriceList/);
  });
});
