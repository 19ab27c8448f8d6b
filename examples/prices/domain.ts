import { defineDomain } from '../../src';
import { productCreatedV1ToV2 } from './events';
import { Product } from './product';

/** The prices domain, with the upcaster that reads v1 `ProductCreated` events. */
export const pricesDomain = defineDomain({ aggregates: [Product], upcasters: [productCreatedV1ToV2] });
