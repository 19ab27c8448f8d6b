import { validateCommand } from 'eventfold';
import { forAggregate } from 'eventfold/testing';
import { AddTask, CompleteTask } from './commands';
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

  it('refuses an empty title', () => {
    expect(() => add('t1', '')).toThrow(/title/);
  });
});
