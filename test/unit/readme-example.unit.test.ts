import { readFileSync } from 'node:fs';
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

const root = join(__dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

interface Excerpt {
  readonly file: string;
  readonly chunks: string[];
}

/** Code without whitespace: prettier wraps a markdown block at another indentation than the file. */
function normalize(text: string): string {
  return text.replace(/\s+/g, '');
}

/** The README's TypeScript blocks whose first line names the example file they are taken from. */
function excerpts(): Excerpt[] {
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
  return blocks.flatMap((block) => {
    const [first, ...lines] = block.split('\n');
    const file = /^\/\/ (examples\/\S+\.ts)$/.exec(first ?? '')?.[1];
    if (!file) return [];
    const chunks = lines
      .join('\n')
      .split(/^[ \t]*\/\/ \.\.\.$/m)
      .map((chunk) => normalize(chunk.replace(/from 'eventfold(\/[a-z]+)?'/g, "from '../../src$1'")))
      .filter((chunk) => chunk !== '');
    return [{ file, chunks }];
  });
}

describe('README', () => {
  const found = excerpts();

  it('shows code from the orders example', () => {
    expect(found.map((e) => e.file)).toEqual([
      'examples/orders/events.ts',
      'examples/orders/commands.ts',
      'examples/orders/order.ts',
      'examples/orders/domain.ts',
      'examples/orders/order.unit.test.ts',
    ]);
  });

  it('shows only excerpts that appear verbatim and in order in the example files', () => {
    for (const { file, chunks } of found) {
      const source = normalize(readFileSync(join(root, file), 'utf8'));
      let from = 0;
      for (const chunk of chunks) {
        const at = source.indexOf(chunk, from);
        if (at < 0) throw new Error(`README excerpt of ${file} is not in the file:\n${chunk}`);
        from = at + chunk.length;
      }
    }
  });

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

  it('names the commands a new user runs and the sections the other parts fill in', () => {
    expect(readme).toMatch(/npm start/);
    expect(readme).toMatch(/npm test/);
    for (const section of [
      'Set-up',
      'Writing a domain',
      'Event store',
      'Projections',
      'Replays and rebuilds',
      'HTTP API and local runtime',
      'Deployment',
    ]) {
      expect(readme).toContain(`\n## ${section}\n`);
    }
  });
});
