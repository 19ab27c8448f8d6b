import fc from 'fast-check';
import { validateCommand } from 'eventfold';
import { forAggregate } from 'eventfold/testing';
import { AddTask, CompleteTask, TASK_ID } from './commands';
import { TaskAdded, TaskCompleted } from './events';
import { Task } from './task';

const add = (taskId: string, title: string) => validateCommand(AddTask, { taskId, title });
const complete = (taskId: string) => validateCommand(CompleteTask, { taskId });

describe('Task', () => {
  it('adds a task', () => {
    forAggregate(Task)
      .given()
      .when(add('t1', 'Write the first spec'))
      .then(new TaskAdded('t1', 'Write the first spec'));
  });

  it('refuses a second task with the same id', () => {
    forAggregate(Task).given(new TaskAdded('t1', 'a')).when(add('t1', 'b')).thenThrows('RULE_VIOLATION');
  });

  it('completes an open task', () => {
    forAggregate(Task)
      .given(new TaskAdded('t1', 'a'))
      .when(complete('t1'))
      .then(new TaskCompleted('t1'))
      .thenState((task) => expect(task.done).toBe(true));
  });

  it('refuses to complete a task twice', () => {
    forAggregate(Task)
      .given(new TaskAdded('t1', 'a'), new TaskCompleted('t1'))
      .when(complete('t1'))
      .thenThrows('RULE_VIOLATION', { taskId: 't1' });
  });

  it('refuses to complete a missing task', () => {
    forAggregate(Task).given().when(complete('t1')).thenThrows('NOT_FOUND');
  });

  it('completes any task exactly once, whatever its id and title (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(TASK_ID),
        fc.string({ minLength: 1, maxLength: 200 }),
        (taskId, title) => {
          const added = new TaskAdded(taskId, title);
          forAggregate(Task).given().when(add(taskId, title)).then(added);
          forAggregate(Task).given(added).when(complete(taskId)).then(new TaskCompleted(taskId));
          forAggregate(Task)
            .given(added, new TaskCompleted(taskId))
            .when(complete(taskId))
            .thenThrows('RULE_VIOLATION');
        },
      ),
    );
  });

  it('refuses an empty title', () => {
    expect(() => add('t1', '')).toThrow(/title/);
  });
});
