import { inject, injectable } from 'inversify';
import { type ApplyContext, DocumentProjection, On, Projection } from 'eventfold';
import { TaskCompleted } from './events';

/** Tells someone that a task is done. `src/app.ts` binds an implementation; a spec rebinds it to a fake. */
export abstract class Notifier {
  abstract taskDone(taskId: string): Promise<void>;
}

/** A notifier that writes to the log; bind one that sends mail or chat messages instead. */
@injectable()
export class LogNotifier extends Notifier {
  async taskDone(taskId: string): Promise<void> {
    console.log(`task ${taskId} is done`);
  }
}

/** Whether the notice of a finished task went out. */
export interface CompletionNotice {
  notifiedAt: string;
}

/**
 * Sends a notice when a task is completed, through the `Notifier` the container injects. `ctx.effects.send` runs
 * the call once per event live, and never during a replay or a rebuild.
 */
@injectable()
@Projection('completion-notices', { rebuildable: true })
export class CompletionNotices extends DocumentProjection<CompletionNotice> {
  constructor(@inject(Notifier) private readonly notifier: Notifier) {
    super();
  }

  @On(TaskCompleted)
  async completed(_: CompletionNotice | undefined, e: TaskCompleted, ctx: ApplyContext) {
    await ctx.effects.send('task-done', () => this.notifier.taskDone(e.taskId));
    return { notifiedAt: ctx.stored.committedAt };
  }
}
