import 'reflect-metadata';
import { Transform } from 'class-transformer';
import { transformerMetadata } from '../../../src/domain/class-transformer-storage';
import { toInstanceOf, toPlainOf } from '../../../src/domain/flat-transform';

/** A flat class, and one whose field class-transformer changes. */
class Flat {
  name?: string;
}
class Shouted {
  @Transform(({ value }) => String(value).toUpperCase()) name?: string;
}

// What a bundle of the direct paths sees, printed for the test that runs it.
console.log(
  JSON.stringify({
    live: transformerMetadata() !== undefined,
    flat: toInstanceOf(Flat, { name: 'a' }) instanceof Flat,
    shouted: (toInstanceOf(Shouted, { name: 'a' }) as Shouted).name,
    plain: toPlainOf(Object.assign(new Shouted(), { name: 'b' })),
  }),
);
