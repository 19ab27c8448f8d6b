/** What an id may look like. */
export const ID = /^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,99}$/;

/**
 * The most seats one concert aggregate holds. Its seat map is its state (and its snapshot), so a bigger venue is
 * split into sections, one concert aggregate each (see the README).
 */
export const MAX_SEATS = 5_000;

/** The most seats one reservation holds. */
export const MAX_SEATS_PER_RESERVATION = 10;

/** The highest ticket price, in cents. */
export const MAX_PRICE_CENTS = 100_000_00;
