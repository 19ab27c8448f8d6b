import { defineDomain } from '../../src';
import { Order } from './order';

/** The orders domain, checked at startup: its aggregate, commands and events. */
export const ordersDomain = defineDomain({ aggregates: [Order] });
