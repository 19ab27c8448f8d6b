export * from './local-clock';
export * from './local-timers';
export * from './clock-route';
