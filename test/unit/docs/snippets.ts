import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const root = join(__dirname, '..', '..', '..');

/** A TypeScript block of a page: where it is, its code, and the example file it is taken from, if it names one. */
export interface Snippet {
  readonly page: string;
  readonly line: number;
  readonly code: string;
  readonly file?: string;
}

/** README.md and every page of docs/, relative to the repository. */
export function pages(): string[] {
  const docs = readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md'));
  return ['README.md', ...docs.sort().map((name) => `docs/${name}`)];
}

/** The ```ts and ```typescript blocks of a page. */
export function snippetsOf(page: string): Snippet[] {
  const text = readFileSync(join(root, page), 'utf8');
  return [...text.matchAll(/```(?:ts|typescript)\n([\s\S]*?)```/g)].map((match) => {
    const code = match[1]!;
    const file = /^\/\/ (examples\/\S+\.ts)\n/.exec(code)?.[1];
    const line = text.slice(0, match.index).split('\n').length + 1;
    return { page, line, code, ...(file ? { file } : {}) };
  });
}

/** The import declarations at the top of a TypeScript source, as written. */
export function importLines(source: string): string[] {
  const file = ts.createSourceFile('x.ts', source, ts.ScriptTarget.ES2022, true);
  return file.statements.filter(ts.isImportDeclaration).map((statement) => statement.getText(file));
}

const options: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2023.d.ts'],
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  strict: true,
  noUncheckedIndexedAccess: true,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  useDefineForClassFields: false,
  esModuleInterop: true,
  skipLibCheck: true,
  noEmit: true,
  types: ['node', 'jest'],
  baseUrl: root,
  // As a user's project resolves the entry points; here to the sources.
  paths: {
    eventfold: ['src/index.ts'],
    'eventfold/testing': ['src/testing/index.ts'],
    'eventfold/*': ['src/*.ts'],
  },
};

/**
 * Type-checks snippets as files of a user's project (strict, the entry points' import names), each a module of
 * its own, and the example files excerpts are taken from; returns one message per error, naming where it is.
 */
export function typeErrorsOf(snippets: readonly Snippet[], exampleFiles: readonly string[] = []): string[] {
  // At the top of the repository, so that a snippet imports the examples as `./examples/...`.
  const files = new Map(snippets.map((s, i) => [join(root, `docs-snippet-${i}.ts`), s] as const));
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (name) => files.has(name) || fileExists(name);
  host.readFile = (name) => files.get(name)?.code ?? readFile(name);
  host.getSourceFile = (name, language, ...rest) => {
    const snippet = files.get(name);
    return snippet
      ? ts.createSourceFile(name, snippet.code, language)
      : getSourceFile(name, language, ...rest);
  };
  const examples = exampleFiles.map((file) => join(root, file));
  const program = ts.createProgram([...files.keys(), ...examples], options, host);
  const exampleErrors = examples.flatMap((name) =>
    ts.getPreEmitDiagnostics(program, program.getSourceFile(name)).map((d) => {
      const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
      return `${name.slice(root.length + 1)}: ${message}`;
    }),
  );
  return exampleErrors.concat(snippetErrors(program, files));
}

function snippetErrors(program: ts.Program, files: ReadonlyMap<string, Snippet>): string[] {
  return [...files].flatMap(([name, snippet]) => {
    const source = program.getSourceFile(name)!;
    const diagnostics = [
      ...program.getSyntacticDiagnostics(source),
      ...program.getSemanticDiagnostics(source),
    ];
    return diagnostics.map((d) => {
      const at = d.start === undefined ? 0 : source.getLineAndCharacterOfPosition(d.start).line;
      const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
      return `${snippet.page}:${snippet.line + at}: ${message}`;
    });
  });
}
