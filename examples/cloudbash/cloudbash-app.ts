import { defineEventfoldApp } from '../../src/infrastructure/container/eventfold-app';
import { cloudbashDomain } from './domain';
import { ConcertSearch } from './concert-search';
import { CartDocuments, ConcertSeats } from './projections';
import { ReservationExpiry } from './reservation-expiry';
import { cloudbashBindings } from './settings';

/**
 * The Cloudbash ticket shop as an app: its domain, its DynamoDB read models (the carts and the seats per concert),
 * the concert search by name, location and date (a SQL read model), the process that expires unpaid reservations,
 * and its bindings (how long a reservation holds its seats).
 */
export const cloudbashApp = defineEventfoldApp({
  domain: cloudbashDomain,
  projections: [CartDocuments, ConcertSeats, ConcertSearch],
  processes: [ReservationExpiry],
  bindings: cloudbashBindings,
});

/** The shop without its SQL search: what the seat-allocation property test spins up hundreds of times in memory. */
export const cloudbashSalesApp = defineEventfoldApp({
  domain: cloudbashDomain,
  projections: [CartDocuments, ConcertSeats],
  processes: [ReservationExpiry],
  bindings: cloudbashBindings,
});
