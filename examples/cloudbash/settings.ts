import { ContainerModule } from 'inversify';

/**
 * How long a reservation holds its seats before the reservation-expiry process frees them: a duration such as
 * `'15m'` or a number of milliseconds. The app binds the default; a deployment or a test rebinds it.
 */
export class ReservationHold {
  constructor(readonly holdFor: string | number = '15m') {}
}

/** The Cloudbash app's own bindings: its reservation hold (15 minutes). */
export const cloudbashBindings = new ContainerModule(({ bind }) => {
  bind(ReservationHold).toConstantValue(new ReservationHold());
});
