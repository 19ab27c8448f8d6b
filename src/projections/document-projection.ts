/** A document read model: a JSON object. */
export type DocumentView = Record<string, unknown>;

/**
 * A projection that keeps one document per aggregate (stream). Each `@On` handler receives the current
 * document (undefined before the first) and the event, and returns the document after the event, or undefined
 * to remove it. Handlers may be async.
 * @example
 * @Projection('order-documents')
 * class OrderDocuments extends DocumentProjection<OrderView> {
 *   @On(OrderPlaced) placed(_: OrderView | undefined, e: OrderPlaced) { return { orderId: e.orderId, status: 'placed' }; }
 * }
 */
export abstract class DocumentProjection<View extends object = DocumentView> {
  readonly kind = 'document' as const;
  /** Type-only marker of the view. */
  declare readonly viewType?: View;
}
