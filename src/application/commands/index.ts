export * from './command-bus';
export * from './retry-on-conflict';
export { loadParticipants, type Participants } from './participants';
