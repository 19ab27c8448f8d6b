// The resend cases ship in eventfold/testing with the rest of the event-store contract.
export * from '../../src/testing/event-store-resend-contract';
