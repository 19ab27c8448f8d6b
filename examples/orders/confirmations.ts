import { ContainerModule, inject, injectable } from 'inversify';
import { type ApplyContext, DocumentProjection, On, Projection } from '../../src';
import { OrderCreated } from './events';

/** Sends mail. The app binds an implementation; a test rebinds it to a fake. */
export abstract class Mailer {
  abstract send(to: string, subject: string): Promise<void>;
}

/** A mailer that keeps what it would send (the example has no mail server); a real app binds an SMTP one. */
@injectable()
export class OutboxMailer extends Mailer {
  readonly sent: { to: string; subject: string }[] = [];

  async send(to: string, subject: string): Promise<void> {
    this.sent.push({ to, subject });
  }
}

/** Whether an order's confirmation went out. */
export interface OrderConfirmation {
  customerId: string;
  subject: string;
}

/**
 * Mails a confirmation when an order is created, through the `Mailer` the container injects. The mail goes out
 * through `ctx.effects.send`: once per event live, never during a replay or rebuild.
 */
@injectable()
@Projection('order-confirmations', { rebuildable: true })
export class OrderConfirmations extends DocumentProjection<OrderConfirmation> {
  constructor(@inject(Mailer) private readonly mailer: Mailer) {
    super();
  }

  @On(OrderCreated)
  async created(_: OrderConfirmation | undefined, e: OrderCreated, ctx: ApplyContext) {
    const subject = `Your order ${e.orderId}`;
    await ctx.effects.send('confirmation', () => this.mailer.send(e.customerId, subject));
    return { customerId: e.customerId, subject };
  }
}

/** The orders example's own bindings: its mailer. */
export const ordersBindings = new ContainerModule(({ bind }) => {
  bind(Mailer).to(OutboxMailer).inSingletonScope();
});
