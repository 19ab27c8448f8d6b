import type { Command } from 'commander';
import type { CliIo, EventfoldApi } from '../api-client';
import { jsonOption } from '../api-client';

const print = (io: CliIo, value: unknown) => io.out(JSON.stringify(value, null, 2));

/** `publish`, `command` and `forget`: the write side. */
export function addWriteCommands(program: Command, api: () => EventfoldApi, io: CliIo): void {
  program
    .command('publish')
    .description('publish one event to a stream at an expected version')
    .argument('<streamId>', 'e.g. Order#42')
    .argument('<type>', 'a registered event type')
    .requiredOption('-d, --data <json>', 'the event data (JSON object)')
    .option('-e, --expected-version <n>', 'the version the stream is at now', '0')
    .option('--event-id <id>', 'makes a retried publish idempotent')
    .action(
      async (
        streamId: string,
        type: string,
        opts: { data: string; expectedVersion: string; eventId?: string },
      ) => {
        const body = {
          streamId,
          type,
          expectedVersion: Number(opts.expectedVersion),
          data: jsonOption(opts.data, '--data'),
          ...(opts.eventId ? { eventId: opts.eventId } : {}),
        };
        print(io, await api().post('/events', body));
      },
    );
  program
    .command('command')
    .description('run a command by name')
    .argument('<name>', 'e.g. CreateOrder')
    .requiredOption('-d, --data <json>', "the command's fields (JSON object)")
    .action(async (name: string, opts: { data: string }) => {
      print(io, await api().post(`/commands/${encodeURIComponent(name)}`, jsonOption(opts.data, '--data')));
    });
  program
    .command('forget')
    .description("forget a data subject: its personal data reads as each field's replacement from now on")
    .argument('<subject>', 'the subject id, e.g. member-42')
    .action(async (subject: string) => {
      print(io, await api().post(`/subjects/${encodeURIComponent(subject)}/forget`));
    });
}
