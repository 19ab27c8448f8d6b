import type { Container } from 'inversify';
import { revealingReads } from '../../application/personal/revealing-reads';
import { redrive } from '../../projections/redrive';
import { type CommandRunner, defaultApiLimits, type DocumentReader } from '../http/api-ports';
import type { HttpApiDeps } from '../http/handle-http';
import { CoreTokens } from './core-bindings';
import { projectionNames } from './eventfold-app';
import { PersonalTokens } from './personal-tokens';
import { ProjectionTokens } from './projection-bindings';
import { RebuildTokens } from './rebuild-bindings';
import { ReplayTokens } from './replay-bindings';
import { sqlProjectionsOf, SqlTokens } from './sql-bindings';
import { UserTokens } from './user-bindings';
import { provide, token, type Get } from './tokens';
import { WriteTokens } from './write-bindings';

/** Tokens of the HTTP API. */
export const HttpTokens = {
  deps: token<HttpApiDeps>('HttpApiDeps'),
} as const;

/** Reads from the table the projection's pointer names active (never the standby of a rebuild). */
function activeDocuments(get: Get): DocumentReader {
  const active = async (projection: string) => {
    const pointer = await get(ReplayTokens.pointers).get(projection);
    return { projection, slot: pointer.active };
  };
  return {
    document: async (projection, streamId) =>
      get(ProjectionTokens.reader).document(await active(projection), streamId),
    row: async (projection, key) => get(ProjectionTokens.reader).row(await active(projection), key),
    rows: async (projection, query) => get(ProjectionTokens.reader).rows(await active(projection), query),
  };
}

/** The command bus, answering with the stored events' personal fields revealed (the caller's own data). */
function revealingCommands(get: Get): CommandRunner {
  return {
    dispatch: async (name, input, options) => {
      const outcome = await get(WriteTokens.commandBus).dispatch(name, input, options);
      const codec = get(PersonalTokens.codec);
      if (!codec) return outcome;
      return { ...outcome, events: await Promise.all(outcome.events.map((e) => codec.reveal(e))) };
    },
  };
}

/** Binds what the HTTP API drives. Services are resolved on first use, so a route needs only its own resources. */
export function bindHttpApi(container: Container): void {
  provide(container, HttpTokens.deps, (get) => {
    const app = get(CoreTokens.app);
    const logger = get(CoreTokens.logger);
    return {
      services: {
        domain: app.domain,
        projections: projectionNames(app),
        limits: defaultApiLimits,
        get eventStore() {
          return revealingReads(get(WriteTokens.eventStore), get(PersonalTokens.codec));
        },
        get commands() {
          return app.domain.personal.declared ? revealingCommands(get) : get(WriteTokens.commandBus);
        },
        get subjects() {
          return app.domain.personal.declared ? get(PersonalTokens.forget) : undefined;
        },
        get replays() {
          return get(ReplayTokens.replays);
        },
        get sqlQueries() {
          return sqlProjectionsOf(get(UserTokens.projections)).length > 0
            ? get(SqlTokens.queries)
            : undefined;
        },
        get rebuilds() {
          return get(RebuildTokens.rebuilds);
        },
        documents: activeDocuments(get),
        deadLetters: {
          redrive: () => redrive(get(ProjectionTokens.runner), get(ProjectionTokens.deadLetters)),
        },
      },
      log: { error: (message, extra) => logger.error(message, extra) },
    };
  });
}
