import { defineEventfoldApp } from '../../src/infrastructure/container/eventfold-app';
import { cloudbashDomain } from './domain';
import { ConcertSearch } from './concert-search';
import { CartDocuments, ConcertSeats } from './projections';
import { ReservationExpiry } from './reservation-expiry';
import { cloudbashBindings } from './settings';

/**
 * The Cloudbash ticket shop as an app: its domain, its DynamoDB read models (the carts and the seats per concert),
 * the process that expires unpaid reservations, and its bindings (how long a reservation holds its seats). The concert search by name, location and date is a SQL read model; it joins `projections`
 * here once SQL projections exist (see the README).
 */
export const cloudbashApp = defineEventfoldApp({
  domain: cloudbashDomain,
  projections: [CartDocuments, ConcertSeats, ConcertSearch],
  processes: [ReservationExpiry],
  bindings: cloudbashBindings,
});
