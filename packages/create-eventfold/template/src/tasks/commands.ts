import { IsString, Length, Matches } from 'class-validator';
import { AggregateId, Command } from 'eventfold';

/** What a task id may look like. */
export const TASK_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;

/** Adds a task; refused when a task with this id exists. */
@Command('AddTask')
export class AddTask {
  @AggregateId() @IsString() @Matches(TASK_ID) taskId!: string;
  @IsString() @Length(1, 200) title!: string;
}

/** Marks a task as done; refused when it is done already. */
@Command('CompleteTask')
export class CompleteTask {
  @AggregateId() @IsString() @Matches(TASK_ID) taskId!: string;
}
