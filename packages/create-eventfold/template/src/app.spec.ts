import { ContainerModule } from 'inversify';
import { inMemoryApp } from 'eventfold/testing';
import { app } from './app';
import { CompletionNotices, Notifier } from './tasks/notifications';
import { TaskDocuments } from './tasks/task-documents';

/** A notifier that keeps what it was told. */
class RecordingNotifier extends Notifier {
  readonly done: string[] = [];

  async taskDone(taskId: string): Promise<void> {
    this.done.push(taskId);
  }
}

// The whole app in memory: commands through the command bus, events through the projections. Swap `inMemoryApp`
// for `localApp` from 'eventfold/local' to run the same spec on the local runtime.
describe('the task board', () => {
  it('adds and completes a task, and notifies once, not again when replayed', async () => {
    const notifier = new RecordingNotifier();
    const fake = new ContainerModule(({ rebindSync }) => void rebindSync(Notifier).toConstantValue(notifier));
    const board = await inMemoryApp(app, { overrides: [fake] });
    board.clock.set('2026-12-01T09:00:00.000Z');
    await board.command('AddTask', { taskId: 't1', title: 'Write the first spec' });
    await board.command('CompleteTask', { taskId: 't1' });
    await board.settled();
    expect(await board.document(TaskDocuments, 'Task#t1')).toMatchObject({
      title: 'Write the first spec',
      done: true,
    });
    const notice = await board.document(CompletionNotices, 'Task#t1');
    expect(notice?.notifiedAt).toMatch(/^2026-12-01T09:00/);
    await board.replay({ kind: 'all' });
    expect(notifier.done).toEqual(['t1']);
    await board.stop();
  });
});
