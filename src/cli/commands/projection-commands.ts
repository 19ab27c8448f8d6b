import type { Command } from 'commander';
import { isOpenRebuild } from '../../application/rebuild/rebuild-status';
import type { CliIo, EventfoldApi } from '../api-client';
import { watch } from '../progress';
import { startRebuild } from './start-rebuild';

interface ProjectionView {
  readonly pointer: {
    readonly active: string;
    readonly previous?: string;
    readonly rebuilding?: { readonly standby: string };
  };
  readonly rebuild?: {
    readonly rebuildId: string;
    readonly state: string;
    readonly replayId: string;
    readonly error?: string;
  };
}

const path = (name: string) => `/projections/${encodeURIComponent(name)}`;

function describe(name: string, view: ProjectionView): string {
  const { pointer, rebuild } = view;
  const parts = [`${name}: active ${pointer.active}`];
  if (pointer.rebuilding) parts.push(`rebuilding into ${pointer.rebuilding.standby}`);
  if (pointer.previous) parts.push(`rollback to ${pointer.previous} available`);
  if (rebuild)
    parts.push(
      `last rebuild ${rebuild.rebuildId} ${rebuild.state}${rebuild.error ? ` (${rebuild.error})` : ''}`,
    );
  return parts.join(', ');
}

/** `rebuild` (with a progress bar), `rollback` and `projection`. */
export function addProjectionCommands(program: Command, api: () => EventfoldApi, io: CliIo): void {
  program
    .command('rebuild')
    .description('rebuild a projection into its standby table and flip to it when it has caught up')
    .argument('<projection>')
    .option('--no-wait', 'return once the rebuild is started')
    .action(async (name: string, opts: { wait: boolean }) => {
      const started = await startRebuild(api(), `${path(name)}/rebuild`, io);
      io.out(`rebuild ${started.rebuildId} of ${name} started (replay ${started.replayId})`);
      if (!opts.wait) return;
      const last = await watch(io, async () => {
        const view = await api().get<ProjectionView>(path(name));
        const replay = await api().get<{ eventsPublished: number }>(
          `/replays/${encodeURIComponent(started.replayId)}`,
        );
        const state = view.rebuild?.state ?? 'unknown';
        return { done: !isOpenRebuild(state), value: replay.eventsPublished, label: state };
      });
      io.out(describe(name, await api().get<ProjectionView>(path(name))));
      if (last.label !== 'FLIPPED') throw new Error(`rebuild ${started.rebuildId} ended ${last.label}`);
    });
  program
    .command('rollback')
    .description('switch a projection back to the table before its last flip')
    .argument('<projection>')
    .action(async (name: string) => {
      io.out(describe(name, await api().post<ProjectionView>(`${path(name)}/rollback`)));
    });
  program
    .command('redrive')
    .description('re-apply the events parked in the dead-letter queue and release the aggregates behind them')
    .action(async () => {
      const report = await api().post<Record<string, number>>('/dead-letters/redrive');
      io.out(
        `redrive: ${Object.entries(report)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
      );
    });
  program
    .command('projection')
    .description("show a projection's active table and last rebuild")
    .argument('<projection>')
    .action(async (name: string) => {
      io.out(describe(name, await api().get<ProjectionView>(path(name))));
    });
}
