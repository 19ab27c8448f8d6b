import { forProjection } from 'eventfold/testing';
import { tasksDomain } from './domain';
import { TaskAdded, TaskCompleted } from './events';
import { TaskDocuments } from './task-documents';

describe('task documents', () => {
  it('keeps one document per task and marks it done', async () => {
    await forProjection(new TaskDocuments(), tasksDomain.events)
      .at('2026-12-01T09:00:00.000Z')
      .given('Task#t1', new TaskAdded('t1', 'Write the first spec'), new TaskCompleted('t1'))
      .expectDocument('Task#t1', {
        taskId: 't1',
        title: 'Write the first spec',
        done: true,
        updatedAt: '2026-12-01T09:00:00.000Z',
      });
  });
});
