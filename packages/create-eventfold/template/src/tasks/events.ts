import { DomainEvent } from 'eventfold';

/** A task was added to the board with its title. */
@DomainEvent('TaskAdded', 1)
export class TaskAdded {
  constructor(
    readonly taskId: string,
    readonly title: string,
  ) {}
}

/** A task was done. */
@DomainEvent('TaskCompleted', 1)
export class TaskCompleted {
  constructor(readonly taskId: string) {}
}
