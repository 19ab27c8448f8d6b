export * from './lambda-handler';
export { coldStartContainer } from './cold-start';
