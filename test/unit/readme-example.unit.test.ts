import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateCommand } from '../../src';
import { forAggregate } from '../../src/testing';
import {
  CreateOrder,
  DeleteOrder,
  Order,
  OrderCreated,
  OrderDeleted,
  ordersDomain,
} from '../../examples/orders';
import { type Snippet, importLines, pages, snippetsOf, typeErrorsOf } from './docs/snippets';

const root = join(__dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const snippets = pages().flatMap(snippetsOf);

/** Code without whitespace: prettier wraps a markdown block at another indentation than the file. */
function normalize(text: string): string {
  return text.replace(/\s+/g, '');
}

/** The parts of an excerpt between its `// ...` lines, with the entry points named as inside this repository. */
function chunksOf(snippet: Snippet): string[] {
  return snippet.code
    .split('\n')
    .slice(1)
    .join('\n')
    .split(/^[ \t]*\/\/ \.\.\.$/m)
    .map((chunk) => normalize(chunk.replace(/from 'eventfold(\/[a-z]+)?'/g, "from '../../src$1'")))
    .filter((chunk) => chunk !== '');
}

/** The topics of the reference, one page each in docs/. */
const referencePages = [
  'docs/event-store.md',
  'docs/projections.md',
  'docs/replays-and-rebuilds.md',
  'docs/http-api.md',
  'docs/local-runtime.md',
  'docs/deployment.md',
  'docs/benchmarks.md',
  'docs/guarantees.md',
];

describe('README and docs', () => {
  const excerpts = snippets.filter((s) => s.file !== undefined);

  it('show excerpts that appear verbatim and in order in the example files', () => {
    expect(excerpts.length).toBeGreaterThanOrEqual(5);
    for (const excerpt of excerpts) {
      const source = normalize(readFileSync(join(root, excerpt.file!), 'utf8'));
      let from = 0;
      for (const chunk of chunksOf(excerpt)) {
        const at = source.indexOf(chunk, from);
        if (at < 0) throw new Error(`${excerpt.page}:${excerpt.line}: not in ${excerpt.file}:\n${chunk}`);
        from = at + chunk.length;
      }
    }
  });

  it('start every excerpt with the imports of its file, as a user would write them', () => {
    for (const excerpt of excerpts) {
      const file = readFileSync(join(root, excerpt.file!), 'utf8');
      const first = chunksOf(excerpt)[0] ?? '';
      const imports = importLines(file).map((line) =>
        normalize(line.replace(/from '(\.\.\/)+src(\/[a-z]+)?'/, "from '../../src$2'")),
      );
      expect({ at: `${excerpt.page}:${excerpt.line}`, imports: first.startsWith(imports.join('')) }).toEqual({
        at: `${excerpt.page}:${excerpt.line}`,
        imports: true,
      });
    }
  });

  it('compile every other snippet as a file of a user project, and the files excerpts come from', () => {
    const others = snippets.filter((s) => s.file === undefined);
    expect(others.length).toBeGreaterThanOrEqual(5);
    const exampleFiles = [...new Set(excerpts.map((excerpt) => excerpt.file!))];
    expect(typeErrorsOf(others, exampleFiles)).toEqual([]);
  }, 60_000);

  it('runs the example the README describes', () => {
    const create = validateCommand(CreateOrder, {
      orderId: 'o1',
      customerId: 'c1',
      lines: [{ sku: 'a', quantity: 1 }],
    });
    forAggregate(Order)
      .given()
      .when(create)
      .then(new OrderCreated('o1', 'c1', [{ sku: 'a', quantity: 1 }]));
    forAggregate(Order)
      .given(new OrderCreated('o1', 'c1', []))
      .when(validateCommand(DeleteOrder, { orderId: 'o1' }))
      .then(new OrderDeleted('o1'));
    expect(ordersDomain.commandNames().sort()).toEqual(['CreateOrder', 'DeleteOrder', 'UpdateOrder']);
  });

  it('takes a newcomer from nothing to a running app on the first screen, and links every reference page', () => {
    const firstScreen = readme.split('\n').slice(0, 40).join('\n');
    for (const step of [
      'npm create eventfold',
      'npm start',
      'npx eventfold command',
      'npx eventfold document',
    ]) {
      expect(firstScreen).toContain(step);
    }
    for (const page of referencePages) {
      expect(existsSync(join(root, page))).toBe(true);
      expect(readme).toContain(`(${page})`);
    }
  });
});
