import { type ApplyContext, DocumentProjection, On, Projection } from 'eventfold';
import { TaskAdded, TaskCompleted } from './events';

/** The read model of one task, as `GET /projections/tasks/documents/Task%23<id>` serves it. */
export interface TaskDocument {
  taskId: string;
  title: string;
  done: boolean;
  updatedAt: string;
}

/** One document per task. Rebuildable: `npx eventfold rebuild tasks` replays every task into a fresh table. */
@Projection('tasks', { rebuildable: true })
export class TaskDocuments extends DocumentProjection<TaskDocument> {
  @On(TaskAdded)
  added(_: TaskDocument | undefined, e: TaskAdded, ctx: ApplyContext): TaskDocument {
    return { taskId: e.taskId, title: e.title, done: false, updatedAt: ctx.stored.committedAt };
  }

  @On(TaskCompleted)
  completed(view: TaskDocument | undefined, _: TaskCompleted, ctx: ApplyContext): TaskDocument | undefined {
    return view && { ...view, done: true, updatedAt: ctx.stored.committedAt };
  }
}
