import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * What a user adds to the scaffolded project to keep a read model in SQL: a SQL projection with a named query, a spec
 * of it on the in-memory app (PGlite in memory), a typed-client search over the API, the projection registered in
 * the app, and the construct told to make the database. Only the public entry points are imported.
 */

const TASK_SEARCH = `import { IsString, MaxLength } from 'class-validator';
import { On, Projection, sql, SqlProjection, sqlQuery, type SqlWriter } from 'eventfold';
import { TaskAdded, TaskCompleted } from './events';

/** The search's parameter: part of a title, any case. */
export class TitleSearch {
  @IsString() @MaxLength(100) title!: string;
}

/** One row per task, searchable by title. */
@Projection('task-search')
export class TaskSearch extends SqlProjection {
  readonly migrations = [
    {
      version: 1,
      up: sql\`CREATE TABLE tasks (task_id text PRIMARY KEY, title text NOT NULL, done boolean NOT NULL DEFAULT false)\`,
    },
  ];

  override readonly queries = {
    byTitle: sqlQuery({
      params: TitleSearch,
      orderBy: ['task_id'],
      select: (p: TitleSearch) =>
        sql\`SELECT task_id, title, done FROM tasks WHERE strpos(lower(title), lower(\${p.title})) > 0\`,
    }),
  };

  @On(TaskAdded) added(e: TaskAdded, db: SqlWriter) {
    db.run(sql\`INSERT INTO tasks (task_id, title) VALUES (\${e.taskId}, \${e.title}) ON CONFLICT (task_id) DO NOTHING\`);
  }

  @On(TaskCompleted) completed(e: TaskCompleted, db: SqlWriter) {
    db.run(sql\`UPDATE tasks SET done = true WHERE task_id = \${e.taskId}\`);
  }
}
`;

const TASK_SEARCH_SPEC = `import { sql } from 'eventfold';
import { inMemoryApp } from 'eventfold/testing';
import { app } from '../app';
import { TaskSearch } from './task-search';

it('keeps the tasks in SQL (PGlite in memory), current when the command returns', async () => {
  const board = await inMemoryApp(app);
  await board.command('AddTask', { taskId: 't1', title: 'Ship it' });
  await board.command('AddTask', { taskId: 't2', title: 'Write the docs' });
  await board.command('CompleteTask', { taskId: 't1' });
  const { rows } = await board.sql(TaskSearch, sql\`SELECT task_id, done FROM tasks ORDER BY task_id\`);
  expect(rows).toEqual([
    { task_id: 't1', done: true },
    { task_id: 't2', done: false },
  ]);
  await board.stop();
}, 60_000);
`;

const SEARCH_CLIENT = `import { EventfoldClient } from 'eventfold/aws';
import { TaskSearch } from './task-search';

/** A row of the search. */
export interface FoundTask {
  task_id: string;
  title: string;
  done: boolean;
}

/** Every task whose title holds \`title\`, one row a page, through the API's named query. */
export async function searchTasks(url: string, title: string): Promise<FoundTask[]> {
  const client = new EventfoldClient(url);
  const found: FoundTask[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.query<TaskSearch, 'byTitle', FoundTask>(TaskSearch, 'byTitle', { title }, { limit: 1, cursor });
    found.push(...page.rows);
    cursor = page.cursor;
  } while (cursor);
  return found;
}

if (require.main === module) {
  searchTasks(process.argv[2] ?? '', process.argv[3] ?? '').then(
    (rows) => console.log(JSON.stringify(rows)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
`;

/** Replaces \`from\` in a project file, failing when the scaffold no longer has it. */
function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} no longer contains ${from}`);
  writeFileSync(file, text.replace(from, to));
}

/** Adds the SQL read model to the project at `project`. */
export function addSqlReadModel(project: string): void {
  const tasks = join(project, 'src', 'tasks');
  writeFileSync(join(tasks, 'task-search.ts'), TASK_SEARCH);
  writeFileSync(join(tasks, 'task-search.spec.ts'), TASK_SEARCH_SPEC);
  writeFileSync(join(tasks, 'search-tasks.ts'), SEARCH_CLIENT);
  const app = join(project, 'src', 'app.ts');
  edit(
    app,
    `import { TaskDocuments } from './tasks/task-documents';`,
    `import { TaskDocuments } from './tasks/task-documents';\nimport { TaskSearch } from './tasks/task-search';`,
  );
  edit(
    app,
    'projections: [TaskDocuments, CompletionNotices]',
    'projections: [TaskDocuments, CompletionNotices, TaskSearch]',
  );
  // PGlite starts in every spec of the app now: more than jest's default 5 s on a loaded machine.
  edit(
    join(project, 'jest.config.js'),
    "testEnvironment: 'node',",
    "testEnvironment: 'node',\n  testTimeout: 60_000,",
  );
  edit(
    join(project, 'infra', 'stack.ts'),
    'projections: app.projections,',
    'projections: app.projections,\n      sql: {},',
  );
}
