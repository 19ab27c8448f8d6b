import { Aggregate, AggregateRoot, Apply, CommandHandler, RuleViolation } from 'eventfold';
import { AddTask, CompleteTask } from './commands';
import { TaskAdded, TaskCompleted } from './events';

/** A task: handlers decide and record events; state changes only in the `@Apply` methods. */
@AggregateRoot('Task')
export class Task extends Aggregate {
  title = '';
  done = false;

  @CommandHandler(AddTask, { creates: true })
  add(cmd: AddTask): void {
    this.apply(new TaskAdded(cmd.taskId, cmd.title));
  }

  @CommandHandler(CompleteTask)
  complete(): void {
    if (this.done) throw new RuleViolation('the task is done already', { taskId: this.id });
    this.apply(new TaskCompleted(this.id));
  }

  @Apply(TaskAdded)
  onAdded(event: TaskAdded): void {
    this.title = event.title;
  }

  @Apply(TaskCompleted)
  onCompleted(): void {
    this.done = true;
  }
}
