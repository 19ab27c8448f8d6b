// The contract and its fixtures ship in eventfold/testing; the repository's own tests import them from here.
export * from '../../src/testing/event-store-contract';
export * from '../../src/testing/event-store-fixtures';
