import { Exclude, type TransformationType } from 'class-transformer';

/** The public methods of class-transformer's metadata storage this package reads. */
export interface TransformerMetadata {
  getStrategy(target: Function): 'excludeAll' | 'exposeAll' | 'none';
  getExposedMetadatas(target: Function): readonly unknown[];
  getExcludedMetadatas(target: Function): readonly unknown[];
  findTypeMetadata(target: Function, propertyName: string): unknown;
  findTransformMetadatas(
    target: Function,
    propertyName: string,
    type: TransformationType,
  ): readonly unknown[];
  findExcludeMetadata(target: Function, propertyName: string): unknown;
}

/** Named, not written in the call: a bundler leaves this build out (a bundle holds the module build instead). */
const COMMONJS_BUILD = 'class-transformer/cjs/storage';

/**
 * The builds of class-transformer whose storage may be the one its decorators write to: the CommonJS build under
 * Node (looked up at run time), the ES5 module build in a bundle that prefers `module` (as the construct's does).
 */
const BUILDS: ReadonlyArray<() => { defaultMetadataStorage?: TransformerMetadata }> = [
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  () => require(COMMONJS_BUILD),
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  () => require('class-transformer/esm5/storage'),
];

/** Whether a storage holds what the decorators imported here record: a probe class's `@Exclude`. */
function isLive(storage: TransformerMetadata | undefined): storage is TransformerMetadata {
  class Probe {}
  Exclude()(Probe.prototype, 'probe');
  return storage?.findExcludeMetadata(Probe, 'probe') !== undefined;
}

let found: { storage: TransformerMetadata | undefined } | undefined;

/**
 * class-transformer's metadata storage (the package does not export it): the one of the build its decorators
 * write to, proven by a probe, or undefined when no build tried is (callers then always use class-transformer).
 */
export function transformerMetadata(): TransformerMetadata | undefined {
  if (found) return found.storage;
  found = { storage: undefined };
  for (const build of BUILDS) {
    try {
      const storage = build().defaultMetadataStorage;
      if (isLive(storage)) return (found = { storage }).storage;
    } catch {
      // Not this build (an ES module Node cannot require, or a bundle without it).
    }
  }
  return undefined;
}
