import type { Container } from 'inversify';

/** A typed service identifier: the symbol inversify binds, carrying the type it resolves to. */
export type Token<T> = symbol & { readonly __resolves?: T };

/** Creates a token; `Symbol.for` keeps one identity across copies of the package. */
export function token<T>(name: string): Token<T> {
  return Symbol.for(`eventfold.${name}`) as Token<T>;
}

/** Resolves a token from a container with its type. */
export function resolve<T>(container: Container, id: Token<T>): T {
  return container.get<T>(id);
}

/** Looks up a dependency by token, typed. */
export type Get = <U>(id: Token<U>) => U;

/**
 * Binds a token to a factory run once per container (the composition root builds each service once per cold start).
 * @example
 * provide(container, WriteTokens.commandBus, (get) => new CommandBus(get(CoreTokens.domain), get(WriteTokens.repository)));
 */
export function provide<T>(container: Container, id: Token<T>, factory: (get: Get) => T): void {
  container
    .bind<T>(id)
    .toDynamicValue((ctx) => factory(<U>(dep: Token<U>) => ctx.get<U>(dep)))
    .inSingletonScope();
}
