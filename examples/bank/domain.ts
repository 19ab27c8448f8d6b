import { defineDomain } from '../../src';
import { Account } from './account';

/** The bank domain: accounts, payments between them and holder names. */
export const bankDomain = defineDomain({ aggregates: [Account] });
